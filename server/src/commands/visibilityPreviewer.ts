import mongoose from 'mongoose';
import { can, spaceAccessFor, type Actor, type MemberVisibility } from '@concerto/shared';
import { ConcertationModel } from '../models/concertation.ts';
import type { FamilyModel } from '../models/family.ts';
import { SpaceModel } from '../models/space.ts';
import { membershipItem } from '../presenters/familyPresenter.ts';
import { audienceOf, spaceFamilyScopeOf } from '../policies/spaceAccess.ts';
import { scopeOf } from '../policies/familyAccess.ts';
import { provisionDefaultSpaces } from './spaceProvisioner.ts';

type FamilyHydrated = InstanceType<typeof FamilyModel>;

/**
 * What one member would see once signed in, asked of the same policy that serves her: the spaces she
 * opens and how, what was shared with her, the professionals shown to her, the meetings she is invited to.
 */
export async function previewMemberVisibility(
  family: FamilyHydrated,
  memberId: string,
): Promise<MemberVisibility> {
  const member: Actor = { kind: 'familyMember', familyId: String(family._id), memberId };
  const scope = scopeOf(family);
  const spaceScope = await spaceFamilyScopeOf(family);
  await provisionDefaultSpaces(family._id, null);
  const spaces = await SpaceModel.find({ familyId: family._id }).sort({ createdAt: 1 }).lean();
  const plan = spaces.find((space) => space.kind === 'sharedPlan');
  let planAccessWhenShared: MemberVisibility['planAccessWhenShared'] = 'none';
  if (plan) {
    const audience = audienceOf(plan);
    const listed = audience.members.some((entry) => entry.memberId === memberId);
    const shared = listed
      ? audience
      : { ...audience, members: [...audience.members, { memberId, access: 'contribute' as const }] };
    planAccessWhenShared = spaceAccessFor(member, { kind: 'sharedPlan', audience: shared }, spaceScope);
  }
  const mayRead = (item: Parameters<typeof can>[2] & { kind: 'item' }) => can(member, 'item.read', item);
  const invitedConcertationCount = await ConcertationModel.countDocuments({
    familyId: family._id,
    invitedMemberIds: new mongoose.Types.ObjectId(memberId),
    status: mongoose.trusted({ $in: ['scheduled', 'open'] }),
  });
  return {
    spaces: spaces.map((space) => ({
      id: String(space._id),
      kind: space.kind,
      title: space.title,
      access: spaceAccessFor(member, { kind: space.kind, audience: audienceOf(space) }, spaceScope),
    })),
    planAccessWhenShared,
    excludedFromPlan: !!plan?.excludedMemberIds.some((id) => String(id) === memberId),
    participationWithdrawn: spaceScope.participationWithdrawnMemberIds.includes(memberId),
    sharedItemCount: family.indicators.filter((indicator) =>
      mayRead({
        kind: 'item',
        family: scope,
        item: {
          category: indicator.category,
          sharedWithMemberIds: indicator.sharedWithMemberIds.map(String),
          aboutMemberId: indicator.aboutMemberId ? String(indicator.aboutMemberId) : null,
        },
      }),
    ).length,
    visibleTeamCount: family.team.filter(
      (membership) =>
        !membership.endedAt &&
        mayRead({
          kind: 'item',
          family: scope,
          item: membershipItem(family, membership.hiddenFromMemberIds),
        }),
    ).length,
    invitedConcertationCount,
  };
}
