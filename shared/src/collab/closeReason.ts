import { CollabCloseCode, finalCloseCodes } from './protocol.ts';

/** Why a space was closed for good (an i18n key suffix). */
export type ClosedReason =
  'accessRevoked' | 'unauthenticated' | 'notFound' | 'messageTooLarge' | 'documentTooLarge';

/** The websocket's own close code for a frame over the server's size limit. */
const websocketMessageTooBig = 1009;

/**
 * Why reconnecting after this close code cannot help, or null when it can. A frame too large is sent
 * again on every reconnection, so both size-limit codes stop the client instead of looping.
 */
export function finalCloseReason(code: number): ClosedReason | null {
  if (code === CollabCloseCode.messageTooLarge || code === websocketMessageTooBig) return 'messageTooLarge';
  if (code === CollabCloseCode.documentTooLarge) return 'documentTooLarge';
  if (!finalCloseCodes.includes(code)) return null;
  if (code === CollabCloseCode.unauthenticated) return 'unauthenticated';
  if (code === CollabCloseCode.notFound) return 'notFound';
  return 'accessRevoked';
}
