import mongoose from 'mongoose';
import {
  networkNotesAccessFor,
  spaceAccessFor,
  type Actor,
  type SpaceAccess,
  type SpaceAudience,
  type SpaceFamilyScope,
  type SpaceKind,
} from '@concerto/shared';
import { FamilyModel } from '../models/family.ts';
import { SpaceModel, type SpaceDocument } from '../models/space.ts';
import { NetworkMeetingModel } from '../models/networkMeeting.ts';
import { UserModel } from '../models/user.ts';
import { currentConsent, scopeOf } from './familyAccess.ts';

type FamilyHydrated = InstanceType<typeof FamilyModel>;

/** The family facts the space rule needs: links, Role A members and withdrawn participation consents. */
export async function spaceFamilyScopeOf(family: FamilyHydrated): Promise<SpaceFamilyScope> {
  const scope = scopeOf(family);
  const ids = scope.team.map((membership) => membership.professionalId);
  const roleA = await UserModel.find(
    { _id: mongoose.trusted({ $in: ids }), healthRole: 'A', active: true },
    { _id: 1 },
  ).lean();
  return {
    ...scope,
    roleAProfessionalIds: roleA.map((user) => String(user._id)),
    participationWithdrawnMemberIds: family.members
      .map((member) => String(member._id))
      .filter((memberId) => currentConsent(family, memberId, 'concertation') === false),
  };
}

/** A stored audience as the shared rule reads it (ids as strings). */
export function audienceOf(space: Pick<SpaceDocument, 'audience'>): SpaceAudience {
  const audience = space.audience;
  return {
    team: audience.team,
    professionalIds: audience.professionalIds.map(String),
    teamAccess: audience.teamAccess,
    professionalAccess: audience.professionalAccess.map((entry) => ({
      professionalId: String(entry.professionalId),
      access: entry.access ?? 'read',
    })),
    members: audience.members.map((entry) => ({
      memberId: String(entry.memberId),
      access: entry.access ?? 'read',
    })),
  };
}

/** The caller's access to a space, reading everything fresh from the database; 'none' if anything is missing. */
export async function resolveSpaceAccess(
  actor: Actor,
  spaceId: string,
): Promise<{ access: SpaceAccess; familyId: string | null; kind?: SpaceKind }> {
  if (!mongoose.isValidObjectId(spaceId)) return { access: 'none', familyId: null };
  const space = await SpaceModel.findById(spaceId).lean();
  if (!space) return { access: 'none', familyId: null };
  if (space.kind === 'networkNotes') {
    const meeting = space.networkMeetingId
      ? await NetworkMeetingModel.findById(space.networkMeetingId, { memberOrganisationIds: 1 }).lean()
      : null;
    const access = meeting ? networkNotesAccessFor(actor, meeting.memberOrganisationIds.map(String)) : 'none';
    return { access, familyId: null, kind: space.kind };
  }
  const family = await FamilyModel.findById(space.familyId);
  if (!family) return { access: 'none', familyId: null };
  const familyScope = await spaceFamilyScopeOf(family);
  return {
    access: spaceAccessFor(actor, { kind: space.kind, audience: audienceOf(space) }, familyScope),
    familyId: String(family._id),
    kind: space.kind,
  };
}
