import mongoose from 'mongoose';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import webpush from 'web-push';
import type { Config } from '../config.ts';
import { FamilyModel } from '../models/family.ts';
import { NotificationModel } from '../models/notification.ts';
import { NotificationSettingsModel } from '../models/notificationSettings.ts';
import { UserModel } from '../models/user.ts';
import {
  onNotification,
  recipientKey,
  type NotificationEvent,
  type Recipient,
} from './notificationEvents.ts';
import { noticeFor } from '../policies/notificationAccess.ts';
import { messageLanguage, messageWords, notificationLine } from './notificationTexts.ts';

/** The Socket.io room of one person's notifications (joined by the server from the session). */
export const notificationRoom = (key: string) => `notifications:${key}`;

/** Where to write to a recipient and in which language; null address when they gave none. */
async function addressOf(recipient: Recipient, familyId: string, givenAddress: string | null) {
  if (recipient.kind === 'professional') {
    const user = await UserModel.findById(recipient.userId, { email: 1 }).lean();
    return { address: user?.email ?? null, language: messageLanguage('fr') };
  }
  const family = await FamilyModel.findById(familyId, { members: 1 }).lean();
  const member = family?.members.find((candidate) => String(candidate._id) === recipient.memberId);
  return { address: givenAddress, language: messageLanguage(member?.preferredLanguage) };
}

/**
 * Delivers notifications: checks each recipient's access with the policy, stores the notification,
 * tells their open pages over Socket.io (no content: they re-read the list), emails it (or keeps it for
 * the daily digest) and pushes it to the phones they opted in. Only who, what kind and a link ever leave.
 */
export class NotificationService {
  private readonly mailer: Transporter | null;
  private readonly unsubscribe: () => void;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly config: Config['notifications'],
    private readonly io: Server,
    private readonly origin: () => string,
    private readonly logger: Logger,
  ) {
    this.mailer = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
    this.unsubscribe = onNotification((event) => {
      const delivery = this.deliver(event)
        .catch((error: unknown) => this.logger.warn({ err: error, kind: event.kind }, 'notification failed'))
        .finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    });
  }

  /** Whether email can be sent from this server. */
  get emailAvailable(): boolean {
    return this.mailer !== null;
  }

  /** Delivers one event to each recipient still allowed to see what it points at. */
  async deliver(event: NotificationEvent): Promise<void> {
    for (const recipient of event.recipients) {
      // The policy decides, for each recipient, whether she is told and whether who acted is named.
      const notice = await noticeFor(recipient, event);
      if (!notice) continue;
      const key = recipientKey(recipient);
      const stored = await NotificationModel.create({
        recipientKey: key,
        familyId: event.familyId,
        kind: event.kind,
        who: notice.who,
        link: event.link,
        createdAt: new Date(),
      });
      this.io.to(notificationRoom(key)).emit('notification:new');
      const settings = await NotificationSettingsModel.findOne({ recipientKey: key }).lean();
      const { address, language } = await addressOf(
        recipient,
        event.familyId,
        settings?.emailAddress ?? null,
      );
      const line = notificationLine(language, event.kind, notice.who);
      const url = `${this.origin()}${event.link}`;
      if (this.mailer && address && (settings?.email ?? true) && !settings?.digest) {
        const words = messageWords(language);
        await this.mailer.sendMail({
          from: this.config.mailFrom,
          to: address,
          subject: words.subject,
          text: `${line}\n\n${words.open} : ${url}\n`,
        });
        await NotificationModel.updateOne({ _id: stored._id }, { $set: { emailedAt: new Date() } });
      }
      if (this.config.vapid && settings?.push) await this.push(key, settings.pushSubscriptions, line, url);
    }
  }

  private async push(
    key: string,
    subscriptions: { endpoint?: string | null; p256dh?: string | null; auth?: string | null }[],
    line: string,
    url: string,
  ): Promise<void> {
    const vapid = this.config.vapid!;
    for (const subscription of subscriptions) {
      if (!subscription.endpoint || !subscription.p256dh || !subscription.auth) continue;
      try {
        await webpush.sendNotification(
          { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
          JSON.stringify({ title: 'Concerto', body: line, url }),
          { vapidDetails: vapid, TTL: 24 * 3600 },
        );
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        // The browser dropped this subscription: forget it instead of trying again every time.
        if (status === 404 || status === 410)
          await NotificationSettingsModel.updateOne(
            { recipientKey: key },
            { $pull: { pushSubscriptions: { endpoint: subscription.endpoint } } },
          );
        else this.logger.warn({ err: error }, 'push delivery failed');
      }
    }
  }

  /** Sends each digest reader one email with what they were told since their last digest. */
  async sendDigests(now = new Date()): Promise<number> {
    if (!this.mailer) return 0;
    let sent = 0;
    for (const settings of await NotificationSettingsModel.find({ digest: true, email: true }).lean()) {
      const since = settings.lastDigestAt ?? new Date(0);
      // Once a day: a digest sent less than 20 hours ago is not repeated within the same evening.
      if (now.getTime() - since.getTime() < 20 * 3600 * 1000) continue;
      const notifications = await NotificationModel.find({
        recipientKey: settings.recipientKey,
        createdAt: mongoose.trusted({ $gt: since, $lte: now }),
        emailedAt: null,
      })
        .sort({ createdAt: 1 })
        .lean();
      if (notifications.length === 0) continue;
      const [kind, id] = settings.recipientKey.split(':') as [Recipient['kind'], string];
      const recipient: Recipient =
        kind === 'professional' ? { kind, userId: id } : { kind: 'familyMember', memberId: id };
      const familyId = String(notifications[0]!.familyId ?? '');
      const { address, language } = await addressOf(recipient, familyId, settings.emailAddress ?? null);
      if (!address) continue;
      const words = messageWords(language);
      const lines = notifications.map(
        (notification) =>
          `- ${notificationLine(language, notification.kind, notification.who ?? null)} ${this.origin()}${notification.link}`,
      );
      await this.mailer.sendMail({
        from: this.config.mailFrom,
        to: address,
        subject: words.digest,
        text: `${lines.join('\n')}\n`,
      });
      await NotificationModel.updateMany(
        { _id: mongoose.trusted({ $in: notifications.map((notification) => notification._id) }) },
        { $set: { emailedAt: now } },
      );
      await NotificationSettingsModel.updateOne({ _id: settings._id }, { $set: { lastDigestAt: now } });
      sent += 1;
    }
    return sent;
  }

  /** Waits for deliveries under way (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** Stops listening and closes the mail connection. */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.settled();
    this.mailer?.close();
  }
}
