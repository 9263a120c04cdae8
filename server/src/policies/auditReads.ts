import mongoose from 'mongoose';
import { auditEntryView, auditViewerMemberId, type Actor } from '@concerto/shared';
import type { FamilyModel } from '../models/family.ts';
import { AuditEntryModel } from '../models/auditEntry.ts';
import { SpaceModel } from '../models/space.ts';
import { hiddenProfessionalsOf } from './functionAccess.ts';

type FamilyHydrated = InstanceType<typeof FamilyModel>;

/** One entry of the trail as the caller may read it; `own` marks a member's own views (shown folded). */
export interface ReadableAuditEntry {
  id: string;
  at: Date;
  actorKind: 'professional' | 'familyMember' | 'admin' | 'guest';
  actorName: string;
  actorDetail: string | null;
  access: 'read' | 'write';
  part: string;
  space: { id: string; title: string } | null;
  own: boolean;
}

/**
 * The family's audit trail as the caller may read it, newest first (shared/src/policy/auditRules.ts):
 * the coordinator and the referent read it whole; a member reads who read or changed what concerns her
 * and was shared with her, her own views marked, and nothing of another member, of a professional hidden
 * from her, of flags or of spaces not shared with her.
 */
export async function readAuditTrail(actor: Actor, family: FamilyHydrated): Promise<ReadableAuditEntry[]> {
  const memberId = auditViewerMemberId(actor);
  const sharedSpaces = memberId
    ? await SpaceModel.find(
        { familyId: family._id, 'audience.members.memberId': new mongoose.Types.ObjectId(memberId) },
        { _id: 1 },
      ).lean()
    : [];
  const context = {
    hiddenProfessionalIds: hiddenProfessionalsOf(actor, family),
    sharedSpaceIds: new Set(sharedSpaces.map((space) => String(space._id))),
  };
  const entries = await AuditEntryModel.find({ familyId: family._id }).sort({ at: -1 }).limit(2000).lean();
  const readable = entries
    .map((entry) => ({
      entry,
      view: auditEntryView(
        actor,
        {
          actorKind: entry.actorKind,
          actorUserId: entry.actorUserId ? String(entry.actorUserId) : null,
          actorMemberId: entry.actorMemberId ? String(entry.actorMemberId) : null,
          access: entry.access,
          part: entry.part,
          spaceId: 'spaceId' in entry && entry.spaceId ? String(entry.spaceId) : null,
        },
        context,
      ),
    }))
    .filter(({ view }) => view !== 'left out')
    .slice(0, 500);
  const spaceIds = [
    ...new Set(readable.map(({ entry }) => ('spaceId' in entry ? entry.spaceId : null)).filter(Boolean)),
  ];
  const titles = new Map(
    (spaceIds.length
      ? await SpaceModel.find({ _id: mongoose.trusted({ $in: spaceIds }) }, { title: 1 }).lean()
      : []
    ).map((space) => [String(space._id), space.title]),
  );
  return readable.map(({ entry, view }) => {
    const spaceId = 'spaceId' in entry && entry.spaceId ? String(entry.spaceId) : null;
    return {
      id: String(entry._id),
      at: entry.at,
      actorKind: entry.actorKind,
      actorName: entry.actorName,
      actorDetail: entry.actorDetail ?? null,
      access: entry.access,
      part: entry.part,
      space: spaceId && titles.has(spaceId) ? { id: spaceId, title: titles.get(spaceId)! } : null,
      own: view === 'own',
    };
  });
}
