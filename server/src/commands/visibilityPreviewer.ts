import mongoose from 'mongoose';
import { spaceAccessFor, type MemberVisibility } from '@concerto/shared';
import { ConcertationModel } from '../models/concertation.ts';
import { SpaceModel } from '../models/space.ts';
import type { FamilyRepository } from '../policies/familyRepository.ts';
import { audienceOf, spaceFamilyScopeOf } from '../policies/spaceAccess.ts';
import { provisionDefaultSpaces } from './spaceProvisioner.ts';

/**
 * What one member would see once signed in, asked of the same policy that serves her: the spaces she
 * opens and how, what was shared with her, the professionals shown to her, the meetings she is invited to.
 */
export async function previewMemberVisibility(
  opened: FamilyRepository,
  memberId: string,
): Promise<MemberVisibility> {
  const family = opened.family;
  const member = { kind: 'familyMember' as const, familyId: String(family._id), memberId };
  // Her own reads, through the same repository: what the database would hand her, no more.
  const asMember = opened.viewedBy(member);
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
    sharedItemCount: (await asMember.indicators()).length,
    visibleTeamCount: asMember.team().filter((membership) => !membership.endedAt).length,
    invitedConcertationCount,
  };
}
