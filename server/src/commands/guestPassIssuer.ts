import { guestPassExpiry } from '@concerto/shared';
import mongoose from 'mongoose';
import { guestDetail } from '../auth/sessions.ts';
import { inTransaction } from '../db/transaction.ts';
import { ConcertationModel } from '../models/concertation.ts';
import { GuestPassModel, type GuestPassDocument } from '../models/guestPass.ts';
import type { OpenedConcertation } from '../policies/concertationAccess.ts';
import { newLinkAndCode } from './linkCodeRedeemer.ts';

/**
 * Gives an interpreter a one-meeting pass: a single-use link and 6-digit code (returned once), and her line in
 * the meeting's attendance ("interpreter (language)"), in one transaction. The caller checked the policy.
 */
export async function issueGuestPass(
  { opened, concertation }: OpenedConcertation,
  input: { name: string; language: string; organisation?: string | undefined },
  createdBy: string,
): Promise<{ pass: GuestPassDocument; token: string; code: string }> {
  const { token, code, tokenHash, codeHash } = newLinkAndCode();
  const now = new Date();
  const _id = new mongoose.Types.ObjectId();
  const pass = {
    _id,
    familyId: opened.family._id,
    concertationId: concertation._id,
    name: input.name,
    language: input.language,
    organisation: input.organisation || null,
    tokenHash,
    codeHash,
    createdBy: new mongoose.Types.ObjectId(createdBy),
    createdAt: now,
    expiresAt: guestPassExpiry(concertation, now),
  };
  await inTransaction(async (session) => {
    await GuestPassModel.create([pass], { session });
    await ConcertationModel.updateOne(
      { _id: concertation._id },
      {
        $push: {
          attendance: {
            participantKind: 'guest',
            participantId: String(_id),
            name: pass.name,
            detail: guestDetail(pass),
            status: 'absent',
          },
        },
        $inc: { __v: 1 },
      },
      { session },
    );
  });
  const stored = await GuestPassModel.findById(_id).lean<GuestPassDocument>();
  if (!stored) throw new Error('the guest pass was not kept');
  return { pass: stored, token, code };
}
