import { timingSafeEqual } from 'node:crypto';
import type mongoose from 'mongoose';
import { signInStores, SignInThrottle } from '../auth/signInThrottle.ts';
import { hashToken, newSixDigitCode, newToken } from '../auth/tokens.ts';
import { HttpError } from '../http/errors.ts';

/** Wrong codes allowed on one link before it stops working. */
export const maxCodeAttempts = 5;

/** What a single-use link with a code stores about itself (a member's invitation, a guest's pass). */
export interface LinkRecord {
  _id: mongoose.Types.ObjectId;
  codeHash: string;
  expiresAt: Date;
  redeemedAt?: Date | null;
  failedAttempts?: number | null;
  revokedAt?: Date | null;
}

/** Where one kind of link is kept: found by its token's hash, failures counted and the claim made atomically. */
export interface LinkStore<Link extends LinkRecord> {
  find(tokenHash: string): Promise<Link | null>;
  /** Counts one more wrong code, atomically; returns the count after it. */
  countFailure(id: mongoose.Types.ObjectId): Promise<number>;
  /** Marks the link used unless another request did first; true when this one did. */
  claim(id: mongoose.Types.ObjectId): Promise<boolean>;
}

/**
 * The store of links kept in one collection: found by token hash, failures counted and the claim made with
 * atomic updates (two wrong codes at once both count; two phones cannot both claim). `usable` narrows the
 * claim (a pass withdrawn meanwhile).
 */
export function linksIn<Fields extends Omit<LinkRecord, '_id'> & { tokenHash: string }>(
  model: mongoose.Model<Fields>,
  usable: Partial<Record<string, null>> = {},
): LinkStore<Fields & { _id: mongoose.Types.ObjectId }> {
  return {
    find: (tokenHash) => model.findOne({ tokenHash }).lean<Fields & { _id: mongoose.Types.ObjectId }>(),
    countFailure: async (id) =>
      (
        await model
          .findOneAndUpdate(
            { _id: id },
            { $inc: { failedAttempts: 1 } },
            { returnDocument: 'after', projection: { failedAttempts: 1 } },
          )
          .lean<{ failedAttempts?: number }>()
      )?.failedAttempts ?? Number.MAX_SAFE_INTEGER,
    claim: async (id) =>
      !!(await model.findOneAndUpdate(
        { _id: id, redeemedAt: null, ...usable },
        { $set: { redeemedAt: new Date() } },
        { returnDocument: 'after' },
      )),
  };
}

/** A new link token and its code, with the hashes to store (the code's bound to the token). */
export function newLinkAndCode() {
  const token = newToken();
  const code = newSixDigitCode();
  // Bound to the token: the stored hash alone cannot be brute-forced over a million codes.
  return { token, code, tokenHash: hashToken(token), codeHash: hashToken(`${token}:${code}`) };
}

const invalid = () =>
  new HttpError(400, 'invitation_invalid', 'This invitation cannot be used: it expired or was already used.');

// Told apart so the page can say what to do: try again (and how many tries remain), or ask for a new one.
const usedUp = () =>
  new HttpError(
    400,
    'invitation_used_up',
    `This invitation took ${maxCodeAttempts} wrong codes and no longer works: ask the professional who invited you for a new one.`,
  );
const wrongCode = (attemptsLeft: number) =>
  new HttpError(400, 'invitation_code_wrong', `The code is wrong: ${attemptsLeft} attempts left.`, {
    attemptsLeft,
  });
const failures = new Set(['invitation_invalid', 'invitation_used_up', 'invitation_code_wrong']);

/** Redeems links of one kind: failures throttled per link and per address, in its own counters. */
export class LinkCodeRedeemer<Link extends LinkRecord> {
  private readonly throttle: SignInThrottle;

  constructor(
    throttleName: string,
    private readonly store: LinkStore<Link>,
  ) {
    this.throttle = new SignInThrottle(signInStores(throttleName));
  }

  /**
   * Checks a link token and its 6-digit code and marks the link used, atomically, so two phones cannot
   * redeem it twice. Returns the stored link. Failures only are throttled: several people redeeming at
   * the same desk must not block each other.
   */
  async redeem(token: string, code: string, address: string): Promise<Link> {
    const link = hashToken(token);
    await this.throttle.check(link, address);
    try {
      return await this.claim(token, code);
    } catch (error) {
      if (error instanceof HttpError && failures.has(error.code)) await this.throttle.failed(link, address);
      throw error;
    }
  }

  private async claim(token: string, code: string): Promise<Link> {
    const record = await this.store.find(hashToken(token));
    if (!record || record.redeemedAt || record.revokedAt || record.expiresAt <= new Date()) throw invalid();
    if ((record.failedAttempts ?? 0) >= maxCodeAttempts) throw usedUp();
    const expected = Buffer.from(record.codeHash, 'hex');
    const actual = Buffer.from(hashToken(`${token}:${code}`), 'hex');
    if (!timingSafeEqual(expected, actual)) {
      const attemptsLeft = maxCodeAttempts - (await this.store.countFailure(record._id));
      throw attemptsLeft > 0 ? wrongCode(attemptsLeft) : usedUp();
    }
    if (!(await this.store.claim(record._id))) throw invalid();
    return record;
  }
}

/** The answer when a redeemed link no longer leads anywhere (its member or meeting is gone). */
export const invitationInvalid = invalid;
