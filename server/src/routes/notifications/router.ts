import { Router } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import {
  NotificationSettingsSchema,
  NotificationViewSchema,
  PushSubscriptionRequestSchema,
  UpdateNotificationSettingsRequestSchema,
  notificationKeyOf,
  professionalIdOf,
  type NotificationSettings,
} from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import type { AuthContext } from '../../auth/sessions.ts';
import type { Config } from '../../config.ts';
import { endpoint } from '../../http/endpoint.ts';
import { forbidden, invalidField } from '../../http/errors.ts';
import { NotificationModel } from '../../models/notification.ts';
import { NotificationSettingsModel } from '../../models/notificationSettings.ts';
import { UserModel } from '../../models/user.ts';

/** The caller's notification key; the platform admin has none (403). */
function keyOf(auth: AuthContext): string {
  const key = notificationKeyOf(auth.actor);
  if (!key) throw forbidden('The platform admin has no notifications.');
  return key;
}

async function settingsOf(auth: AuthContext, config: Config['notifications']): Promise<NotificationSettings> {
  const stored = await NotificationSettingsModel.findOne({ recipientKey: keyOf(auth) }).lean();
  // A professional is written to at her account's address; a family member gives hers (or none).
  const professionalId = professionalIdOf(auth.actor);
  const account = professionalId ? await UserModel.findById(professionalId, { email: 1 }).lean() : null;
  return {
    email: stored?.email ?? true,
    emailAddress: professionalId ? (account?.email ?? null) : (stored?.emailAddress ?? null),
    emailAddressEditable: !professionalId,
    digest: stored?.digest ?? false,
    push: stored?.push ?? false,
    vapidPublicKey: config.vapid?.publicKey ?? null,
    emailAvailable: config.smtpUrl !== null,
  };
}

/** My notifications (in the app) and how I want to be told outside it: email, daily digest, phone. */
export function notificationsRouter(config: Config['notifications']): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/me/notifications',
      summary: 'My latest notifications: who, what kind and a link (never the content)',
      tags: ['me'],
      response: z.array(NotificationViewSchema),
      authenticated: true,
    },
    async ({ request }) => {
      const notifications = await NotificationModel.find({ recipientKey: keyOf(requireAuth(request)) })
        .sort({ createdAt: -1 })
        .limit(50)
        .lean();
      return notifications.map((notification) => ({
        id: String(notification._id),
        kind: notification.kind,
        who: notification.who ?? null,
        link: notification.link,
        createdAt: notification.createdAt.toISOString(),
        read: notification.readAt !== null,
      }));
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/me/notifications/read',
      summary: 'Mark all my notifications as read',
      tags: ['me'],
      status: 204,
      authenticated: true,
    },
    async ({ request, response }) => {
      await NotificationModel.updateMany(
        { recipientKey: keyOf(requireAuth(request)), readAt: null },
        { $set: { readAt: new Date() } },
      );
      response.status(204).end();
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/me/notification-settings',
      summary: 'How I am told outside the app: email each time or as a daily digest, push on my phone',
      tags: ['me'],
      response: NotificationSettingsSchema,
      authenticated: true,
    },
    async ({ request }) => settingsOf(requireAuth(request), config),
  );

  endpoint(
    router,
    {
      method: 'put',
      path: '/me/notification-settings',
      summary: 'Choose my channels and the daily digest',
      tags: ['me'],
      body: UpdateNotificationSettingsRequestSchema,
      response: NotificationSettingsSchema,
      authenticated: true,
    },
    async ({ body, request }) => {
      const auth = requireAuth(request);
      if (body.emailAddress !== undefined && professionalIdOf(auth.actor))
        throw invalidField('emailAddress', 'professionals are written to at their account email');
      await NotificationSettingsModel.updateOne(
        { recipientKey: keyOf(auth) },
        {
          $set: {
            email: body.email,
            digest: body.digest,
            push: body.push,
            ...(body.emailAddress !== undefined ? { emailAddress: body.emailAddress } : {}),
          },
        },
        { upsert: true },
      );
      return settingsOf(auth, config);
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/me/push-subscriptions',
      summary: "Register this phone's push subscription (Web Push); push is then switched on",
      tags: ['me'],
      body: PushSubscriptionRequestSchema,
      status: 204,
      authenticated: true,
    },
    async ({ body, request, response }) => {
      const key = keyOf(requireAuth(request));
      if (!config.vapid) throw invalidField('endpoint', 'Web Push is not configured on this server');
      await NotificationSettingsModel.updateOne(
        { recipientKey: key },
        { $pull: { pushSubscriptions: { endpoint: body.endpoint } } },
        { upsert: true },
      );
      await NotificationSettingsModel.updateOne(
        { recipientKey: key },
        {
          $set: { push: true },
          $push: {
            pushSubscriptions: mongoose.trusted({
              $each: [{ endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth }],
              $slice: -5,
            }),
          },
        },
      );
      response.status(204).end();
    },
  );

  return router;
}
