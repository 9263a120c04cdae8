import type mongoose from 'mongoose';
import { InvitationModel } from '../models/invitation.ts';
import { newLinkAndCode } from './linkCodeRedeemer.ts';

/** Creates a single-use personal invitation for one family member; the token and code are returned once. */
export async function issueInvitation(input: {
  familyId: mongoose.Types.ObjectId;
  memberId: mongoose.Types.ObjectId;
  createdBy: string;
  expiresInDays: number;
}): Promise<{ token: string; code: string; expiresAt: Date }> {
  const { token, code, tokenHash, codeHash } = newLinkAndCode();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 24 * 3600 * 1000);
  await InvitationModel.create({
    familyId: input.familyId,
    memberId: input.memberId,
    tokenHash,
    codeHash,
    createdBy: input.createdBy,
    createdAt: now,
    expiresAt,
  });
  return { token, code, expiresAt };
}
