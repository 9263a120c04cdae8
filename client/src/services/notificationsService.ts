import type { NotificationSettings, NotificationView } from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';

/** My latest notifications (who, what kind, a link). */
export function fetchNotifications(): Promise<NotificationView[]> {
  return apiRequest<NotificationView[]>('/me/notifications');
}

/** Marks all my notifications as read. */
export function markAllRead(): Promise<void> {
  return sendJson<void>('POST', '/me/notifications/read');
}

/** How I am told outside the app. */
export function fetchNotificationSettings(): Promise<NotificationSettings> {
  return apiRequest<NotificationSettings>('/me/notification-settings');
}

/** Changes my channels and digest choice. */
export function saveNotificationSettings(settings: {
  email: boolean;
  emailAddress?: string | null;
  digest: boolean;
  push: boolean;
}): Promise<NotificationSettings> {
  return sendJson<NotificationSettings>('PUT', '/me/notification-settings', settings);
}

/** Registers this phone's push subscription. */
export function registerPushSubscription(subscription: PushSubscriptionJSON): Promise<void> {
  return sendJson<void>('POST', '/me/push-subscriptions', subscription);
}
