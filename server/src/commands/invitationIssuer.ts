import type mongoose from 'mongoose';
import { hashToken, newSixDigitCode, newToken } from '../auth/tokens.ts';
import { InvitationModel } from '../models/invitation.ts';

/** Creates a single-use personal invitation for one family member; the token and code are returned once. */
export async function issueInvitation(input: {
  familyId: mongoose.Types.ObjectId;
  memberId: mongoose.Types.ObjectId;
  createdBy: string;
  expiresInDays: number;
}): Promise<{ token: string; code: string; expiresAt: Date }> {
  const token = newToken();
  const code = newSixDigitCode();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 24 * 3600 * 1000);
  await InvitationModel.create({
    familyId: input.familyId,
    memberId: input.memberId,
    tokenHash: hashToken(token),
    // Bound to the token: the stored hash alone cannot be brute-forced over a million codes.
    codeHash: hashToken(`${token}:${code}`),
    createdBy: input.createdBy,
    createdAt: now,
    expiresAt,
  });
  return { token, code, expiresAt };
}
