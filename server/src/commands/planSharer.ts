import type mongoose from 'mongoose';
import { announceAccessChange } from '../collab/accessEvents.ts';
import { SpaceModel } from '../models/space.ts';
import { provisionDefaultSpaces } from './spaceProvisioner.ts';

/**
 * Opens the shared plan to an invited member with "contribute" access, or keeps her out of it when a
 * professional excluded her (one click on the invitation). An access she already has is left as it is.
 */
export async function sharePlanWithInvited(
  familyId: mongoose.Types.ObjectId,
  memberId: mongoose.Types.ObjectId,
  share: boolean,
): Promise<void> {
  await provisionDefaultSpaces(familyId, null);
  const plan = await SpaceModel.findOne({ familyId, kind: 'sharedPlan' });
  if (!plan) return;
  const listed = plan.audience.members.some((entry) => entry.memberId?.equals(memberId));
  const excluded = plan.excludedMemberIds.some((id) => id.equals(memberId));
  if (share && listed && !excluded) return;
  const others = plan.excludedMemberIds.filter((id) => !id.equals(memberId));
  if (share) {
    plan.set('excludedMemberIds', others);
    if (!listed) plan.audience.members.push({ memberId, access: 'contribute' });
  } else {
    plan.set('excludedMemberIds', [...others, memberId]);
    plan.set(
      'audience.members',
      plan.audience.members.filter((entry) => !entry.memberId?.equals(memberId)),
    );
  }
  await plan.save();
  // An open connection of hers is re-authorised at once (closed if she was just excluded).
  announceAccessChange({ kind: 'space', spaceId: String(plan._id) });
}
