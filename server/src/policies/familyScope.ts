import mongoose from 'mongoose';
import {
  roleAAccountIds,
  type FamilyScope,
  type SpaceAudience,
  type SpaceFamilyScope,
  type TeamMembershipScope,
} from '@concerto/shared';
import type { FamilyModel } from '../models/family.ts';
import type { SpaceDocument } from '../models/space.ts';
import { UserModel } from '../models/user.ts';

type FamilyHydrated = InstanceType<typeof FamilyModel>;
type FamilyFacts = Pick<FamilyHydrated, '_id' | 'team' | 'members' | 'consents'> & {
  closure?: FamilyHydrated['closure'];
};

/** The latest consent of each member for a scope decides; an older grant does not outlive a withdrawal. */
export function currentConsent(
  family: Pick<FamilyHydrated, 'consents'>,
  memberId: string,
  scope: string,
): boolean | null {
  let current: boolean | null = null;
  for (const consent of family.consents) {
    if (String(consent.memberId) === memberId && consent.scope === scope) current = consent.granted;
  }
  return current;
}

function withdrawn(family: FamilyFacts, scope: string): string[] {
  return family.members
    .map((member) => String(member._id))
    .filter((memberId) => currentConsent(family, memberId, scope) === false);
}

/** What the policy needs to know about a stored family: active memberships and withdrawn consents. */
export function scopeOf(family: FamilyFacts): FamilyScope {
  return {
    familyId: String(family._id),
    team: family.team
      .filter((membership) => !membership.endedAt)
      .map((membership) => ({
        professionalId: String(membership.professionalId),
        functions: [...membership.functions],
        hiddenFromMemberIds: membership.hiddenFromMemberIds.map(String),
      })),
    sharingWithdrawnMemberIds: withdrawn(family, 'teamSharing'),
    participationWithdrawnMemberIds: withdrawn(family, 'concertation'),
    closed: !!family.closure,
  };
}

/** Every membership, current or ended, as the visibility rules read it. */
export function membershipScopes(family: Pick<FamilyHydrated, 'team'>): TeamMembershipScope[] {
  return family.team.map((membership) => ({
    professionalId: String(membership.professionalId),
    hiddenFromMemberIds: membership.hiddenFromMemberIds.map(String),
    ended: !!membership.endedAt,
  }));
}

/** The family facts the space rule needs: the scope plus the team's Role A members, read fresh from accounts. */
export async function spaceFamilyScopeOf(family: FamilyFacts): Promise<SpaceFamilyScope> {
  const scope = scopeOf(family);
  const ids = scope.team.map((membership) => membership.professionalId);
  const accounts = await UserModel.find(
    { _id: mongoose.trusted({ $in: ids }), active: true },
    { _id: 1, healthRole: 1 },
  ).lean();
  return {
    ...scope,
    participationWithdrawnMemberIds: scope.participationWithdrawnMemberIds ?? [],
    roleAProfessionalIds: roleAAccountIds(accounts),
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
