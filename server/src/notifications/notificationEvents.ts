import { EventEmitter } from 'node:events';
import type { NotificationKind } from '@concerto/shared';

/** Someone to tell: a professional (user id) or a family member (member id, within the family). */
export type Recipient = { kind: 'professional'; userId: string } | { kind: 'familyMember'; memberId: string };

/** What the notification points at: the recipient must still be allowed to read it. */
export type NoticeTarget =
  | { kind: 'concertation'; concertationId: string }
  | { kind: 'decision'; decisionId: string }
  | { kind: 'space'; spaceId: string }
  | { kind: 'referral'; referralId: string };

/** Something worth telling: who did what kind of thing, where to look, and what it concerns. */
export interface NotificationEvent {
  familyId: string;
  kind: NotificationKind;
  /** The name of who acted; shown only to recipients the policy lets see them. */
  who: string;
  author: Recipient | { kind: 'concerto' };
  link: string;
  target: NoticeTarget;
  recipients: Recipient[];
}

const emitter = new EventEmitter();
emitter.setMaxListeners(0);

/** Announces an event; the notification service checks each recipient's access and delivers. */
export function announceNotification(event: NotificationEvent): void {
  if (event.recipients.length) emitter.emit('notify', event);
}

/** Subscribes to notification events; returns the unsubscribe function. */
export function onNotification(listener: (event: NotificationEvent) => void): () => void {
  emitter.on('notify', listener);
  return () => emitter.off('notify', listener);
}

/** The key a recipient's notifications and settings are stored under (as `participantKeyOf()` spells it). */
export function recipientKey(recipient: Recipient): string {
  return recipient.kind === 'professional'
    ? `professional:${recipient.userId}`
    : `familyMember:${recipient.memberId}`;
}
