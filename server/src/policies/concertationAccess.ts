import type { Request } from 'express';
import mongoose from 'mongoose';
import { can } from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { ConcertationModel } from '../models/concertation.ts';
import { openFamily, type OpenedFamily } from './familyAccess.ts';

type Concertation = InstanceType<typeof ConcertationModel>;

/** Whether the caller takes part in (or, as a team member, may follow) this concertation. */
export function mayFollow(auth: AuthContext, concertation: Concertation, opened: OpenedFamily): boolean {
  const actor = auth.actor;
  if (actor.kind === 'familyMember') {
    // Each member is invited personally: being in the family is not enough.
    return concertation.invitedMemberIds.some((id) => String(id) === actor.memberId);
  }
  return can(actor, 'family.concertations.read', { kind: 'family', family: opened.scope });
}

/** Whether the caller runs the meeting: its organiser, or the family's coordinator. */
export function mayManage(auth: AuthContext, concertation: Concertation, opened: OpenedFamily): boolean {
  const actor = auth.actor;
  if (actor.kind !== 'professional') return false;
  const link = opened.scope.team.find((membership) => membership.professionalId === actor.userId);
  return (
    !!link && (String(concertation.organiserId) === actor.userId || link.functions.includes('coordinator'))
  );
}

/** Opens a concertation: 404 unless the caller may follow it, 403 when `manage` is asked and not allowed. */
export async function openConcertation(
  request: Request,
  concertationId: string,
  access: { write: boolean; manage?: boolean },
) {
  const concertation = mongoose.isValidObjectId(concertationId)
    ? await ConcertationModel.findById(concertationId)
    : null;
  if (!concertation) throw notFound('concertation');
  let opened: OpenedFamily;
  try {
    opened = await openFamily(request, String(concertation.familyId), {
      part: 'concertations',
      write: access.write,
    });
  } catch {
    throw notFound('concertation');
  }
  if (!mayFollow(opened.auth, concertation, opened)) throw notFound('concertation');
  if (access.manage && !mayManage(opened.auth, concertation, opened))
    throw forbidden('Only the organiser or the coordinator runs this concertation.');
  return { ...opened, concertation };
}
