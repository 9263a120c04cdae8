import mongoose from 'mongoose';
import { FamilyModel } from '../models/family.ts';
import { InvitationModel } from '../models/invitation.ts';
import { invitationInvalid, LinkCodeRedeemer, linksIn } from './linkCodeRedeemer.ts';

export { maxCodeAttempts } from './linkCodeRedeemer.ts';

const invitations = new LinkCodeRedeemer('invitation', linksIn(InvitationModel));

/**
 * Checks a member's invitation link and code and marks it used (see `LinkCodeRedeemer`). Returns the family
 * and member the new session is limited to.
 */
export async function redeemInvitation(token: string, code: string, address: string) {
  const invitation = await invitations.redeem(token, code, address);
  const family = await FamilyModel.findOne({ _id: invitation.familyId }, { members: 1, label: 1 }).lean();
  const memberStillThere = family?.members.some((member) => member._id.equals(invitation.memberId));
  if (!family || !memberStillThere) throw invitationInvalid();
  return { familyId: family._id, memberId: new mongoose.Types.ObjectId(String(invitation.memberId)) };
}
