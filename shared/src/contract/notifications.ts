import { z } from 'zod';

/** What a notification is about; it never carries the content itself, only who, what kind and a link. */
export const notificationKinds = [
  'concertationInvitation',
  'positionAwaited',
  'actionChanged',
  'familyContribution',
  'referralFollowUp',
] as const;
/** One kind of notification. */
export type NotificationKind = (typeof notificationKinds)[number];

/** A notification as its recipient sees it in the app. */
export const NotificationViewSchema = z.object({
  id: z.string(),
  kind: z.enum(notificationKinds),
  /** Who did it (a name), never what was written; null when the recipient may not see who ("the team"). */
  who: z.string().nullable(),
  /** Where to look, inside Concerto (a path). */
  link: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
/** A notification as its recipient sees it. */
export type NotificationView = z.infer<typeof NotificationViewSchema>;

/** How someone wants to be told: in the app always; by email (each time or a daily digest); on the phone. */
export const NotificationSettingsSchema = z.object({
  email: z.boolean(),
  /** A professional's account email; a family member gives hers (or none). */
  emailAddress: z.string().nullable(),
  /** Whether the address can be changed here (family members only; professionals use their account's). */
  emailAddressEditable: z.boolean(),
  digest: z.boolean(),
  push: z.boolean(),
  /** The server's VAPID public key, or null when Web Push is not configured. */
  vapidPublicKey: z.string().nullable(),
  /** Whether email is configured on this server. */
  emailAvailable: z.boolean(),
});
/** Notification settings. */
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/** `PUT /api/me/notification-settings` body. */
export const UpdateNotificationSettingsRequestSchema = z.strictObject({
  email: z.boolean(),
  emailAddress: z.email('must be an email address').max(200).nullable().optional(),
  digest: z.boolean(),
  push: z.boolean(),
});

/** `POST /api/me/push-subscriptions` body: a browser's push subscription (PushSubscription.toJSON()). */
export const PushSubscriptionRequestSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2000),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
});
