import type { GuestMeeting, InterpreterPass, Me } from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';

/** An interpreter's pass just created: its link and 6-digit code, shown once. */
export type CreatedInterpreterPass = InterpreterPass & { link: string; code: string };

const passesPath = (concertationId: string) =>
  `/concertations/${encodeURIComponent(concertationId)}/interpreters`;

/** The meeting's interpreter passes (for those who run it). */
export function listInterpreterPasses(concertationId: string): Promise<InterpreterPass[]> {
  return apiRequest<InterpreterPass[]>(passesPath(concertationId));
}

/** Invites an interpreter to this meeting only: a link and a 6-digit code, shown once. */
export function inviteInterpreter(
  concertationId: string,
  interpreter: { name: string; language: string; organisation?: string },
): Promise<CreatedInterpreterPass> {
  return sendJson<CreatedInterpreterPass>('POST', passesPath(concertationId), interpreter);
}

/** Withdraws an interpreter's pass: her session ends at once. */
export function revokeInterpreterPass(concertationId: string, passId: string): Promise<void> {
  return sendJson<void>('DELETE', `${passesPath(concertationId)}/${encodeURIComponent(passId)}`);
}

/** Opens an interpreter's session from her link's token and the 6-digit code. */
export function redeemInterpreterPass(token: string, code: string): Promise<Me> {
  return sendJson<Me>('POST', '/interpreter-invitations/redeem', { token, code });
}

/** The one meeting the interpreter's pass opens, as its room shows it. */
export function fetchGuestMeeting(): Promise<GuestMeeting> {
  return apiRequest<GuestMeeting>('/interpreter/meeting');
}
