import type { Request } from 'express';
import mongoose from 'mongoose';
import {
  can,
  maySeeMember,
  memberIdOf,
  type ConcertationAction,
  type ConcertationScope,
} from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { ConcertationModel } from '../models/concertation.ts';
import { loadFamilyWhere, openFamily, type OpenedFamily } from './familyAccess.ts';

type Concertation = InstanceType<typeof ConcertationModel>;

/** A stored concertation as the policy reads it. */
export function concertationScopeOf(
  concertation: Pick<Concertation, '_id' | 'organiserId' | 'invitedMemberIds' | 'status'>,
): ConcertationScope {
  return {
    concertationId: String(concertation._id),
    organiserId: String(concertation.organiserId),
    invitedMemberIds: concertation.invitedMemberIds.map(String),
    status: concertation.status,
  };
}

/** Whether the caller may do this on one concertation of the opened family (the one policy). */
export function canOnConcertation(
  opened: OpenedFamily,
  action: ConcertationAction,
  concertation: Parameters<typeof concertationScopeOf>[0],
): boolean {
  return can(opened.actor, action, {
    kind: 'concertation',
    family: opened.scope,
    concertation: concertationScopeOf(concertation),
  });
}

/**
 * Who a concertation names, as the caller may see them: professionals hidden from a member and other
 * members are left out of the invitations and the attendance before anything is formatted.
 */
export function visibleParticipants(
  opened: OpenedFamily,
  concertation: Pick<Concertation, 'invitedProfessionalIds' | 'invitedMemberIds' | 'attendance'>,
) {
  const hidden = opened.hiddenProfessionals();
  const visibleMember = (id: string) => maySeeMember(opened.actor, opened.scope, id);
  return {
    professionalIds: concertation.invitedProfessionalIds.map(String).filter((id) => !hidden.has(id)),
    memberIds: concertation.invitedMemberIds.map(String).filter(visibleMember),
    attendance: concertation.attendance.filter((entry) =>
      entry.participantKind === 'familyMember'
        ? visibleMember(entry.participantId)
        : !hidden.has(entry.participantId),
    ),
  };
}

/** The family's concertations the caller follows; a member's are selected by the database query. */
export async function visibleConcertations(opened: OpenedFamily): Promise<Concertation[]> {
  if (!opened.can('family.concertations.read')) return [];
  const memberId = memberIdOf(opened.actor);
  const concertations = await ConcertationModel.find({
    familyId: opened.family._id,
    ...(memberId ? { invitedMemberIds: new mongoose.Types.ObjectId(memberId) } : {}),
  }).sort({ scheduledAt: -1 });
  return concertations.filter((concertation) => canOnConcertation(opened, 'concertation.read', concertation));
}

/**
 * A concertation and its family for one caller, or null when she may neither follow it nor join its room
 * (a guest joins her one meeting's room without following the file). Nothing is audited.
 */
export async function loadConcertationFor(
  auth: AuthContext,
  concertationId: string,
  requestId: unknown = null,
) {
  if (!mongoose.isValidObjectId(concertationId)) return null;
  const concertation = await ConcertationModel.findById(concertationId);
  if (!concertation) return null;
  const scope = concertationScopeOf(concertation);
  const reaches = (family: OpenedFamily['scope']) =>
    (['concertation.read', 'concertation.room.join'] as const).some((action) =>
      can(auth.actor, action, { kind: 'concertation', family, concertation: scope }),
    );
  const opened = await loadFamilyWhere(auth, String(concertation.familyId), requestId, reaches);
  return opened ? { opened, concertation } : null;
}

/** Opens a concertation: 404 unless the caller may follow it, 403 when `manage` is asked and not allowed. */
export async function openConcertation(
  request: Request,
  concertationId: string,
  access: { write: boolean; manage?: boolean },
) {
  const found = await ConcertationModel.findById(concertationId, { familyId: 1 }).lean();
  if (!found) throw notFound('concertation');
  let opened: OpenedFamily;
  try {
    opened = await openFamily(request, String(found.familyId), {
      part: 'concertations',
      write: access.write,
    });
  } catch {
    throw notFound('concertation');
  }
  const concertation = await ConcertationModel.findById(concertationId);
  if (!concertation || !canOnConcertation(opened, 'concertation.read', concertation))
    throw notFound('concertation');
  if (access.manage && !canOnConcertation(opened, 'concertation.manage', concertation))
    throw forbidden('Only the organiser or the coordinator runs this concertation.');
  return { opened, concertation };
}

/** A concertation opened for one caller. */
export type OpenedConcertation = Awaited<ReturnType<typeof openConcertation>>;
