import { describe, expect, it } from 'vitest';
import { CollabCloseCode, finalCloseReason } from '@concerto/shared';

describe('when the collaboration client stops reconnecting', () => {
  it('stops on both size-limit closes and says the paste was too large', () => {
    expect(finalCloseReason(1009)).toBe('messageTooLarge');
    expect(finalCloseReason(CollabCloseCode.messageTooLarge)).toBe('messageTooLarge');
  });

  it('stops when access or the session is gone', () => {
    expect(finalCloseReason(CollabCloseCode.unauthenticated)).toBe('unauthenticated');
    expect(finalCloseReason(CollabCloseCode.accessRevoked)).toBe('accessRevoked');
    expect(finalCloseReason(CollabCloseCode.notFound)).toBe('notFound');
  });

  it('reconnects after a network drop, a shutdown or a change of access', () => {
    for (const code of [
      1006,
      1001,
      CollabCloseCode.serverShutdown,
      CollabCloseCode.accessChanged,
      CollabCloseCode.tooSlow,
    ])
      expect(finalCloseReason(code)).toBeNull();
  });
});
