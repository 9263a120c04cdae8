import { GuestPassModel } from '../models/guestPass.ts';
import { ConcertationModel } from '../models/concertation.ts';
import { invitationInvalid, LinkCodeRedeemer, linksIn } from './linkCodeRedeemer.ts';

// A pass withdrawn meanwhile is not claimed.
const passes = new LinkCodeRedeemer('guest-pass', linksIn(GuestPassModel, { revokedAt: null }));

/**
 * Checks an interpreter's link and code (throttled like a member's invitation, in counters of their own) and
 * marks the pass used; its meeting must still be able to take place. Returns the pass.
 */
export async function redeemGuestPass(token: string, code: string, address: string) {
  const pass = await passes.redeem(token, code, address);
  const meeting = await ConcertationModel.findById(pass.concertationId, { status: 1 }).lean();
  if (!meeting || meeting.status === 'closed' || meeting.status === 'cancelled') throw invitationInvalid();
  return pass;
}
