import type { Logger } from 'pino';
import { notificationKeyOf } from '@concerto/shared';
import type { Server } from 'socket.io';
import type { Config } from '../config.ts';
import type { AuthContext } from '../auth/sessions.ts';
import { NotificationService, notificationRoom } from './notificationService.ts';
import { remindReferralFollowUps } from './referralReminder.ts';

const sweepEveryMs = 15 * 60 * 1000;

/** The hour in Brussels, when the daily digest goes out. */
function brusselsHour(now: Date): number {
  return Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: 'numeric' }).format(now),
  );
}

/**
 * Notifications live: each signed-in socket joins its own person's room (computed from the session,
 * never named by the client); every quarter of an hour, overdue referrals are reminded and, at the
 * configured hour, the daily digests are sent.
 */
export function attachNotifications(io: Server, config: Config, origin: () => string, logger: Logger) {
  const service = new NotificationService(config.notifications, io, origin, logger);
  io.on('connection', (socket) => {
    const actor = (socket.data.auth as AuthContext | undefined)?.actor;
    const key = actor ? notificationKeyOf(actor) : null;
    if (key) void socket.join(notificationRoom(key));
  });
  const sweep = setInterval(() => {
    const now = new Date();
    remindReferralFollowUps(now)
      .then(() => (brusselsHour(now) === config.notifications.digestHour ? service.sendDigests(now) : 0))
      .catch((error: unknown) => logger.warn({ err: error }, 'notification sweep failed'));
  }, sweepEveryMs);
  sweep.unref();
  return {
    service,
    close: async () => {
      clearInterval(sweep);
      await service.close();
    },
  };
}
