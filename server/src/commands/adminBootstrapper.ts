import type { Logger } from 'pino';
import { hashPassword } from '../auth/passwords.ts';
import { UserModel } from '../models/user.ts';

/** Creates the platform admin from CONCERTO_ADMIN_EMAIL / CONCERTO_ADMIN_PASSWORD unless that account exists. */
export async function bootstrapAdmin(
  admin: { email: string; password: string } | null,
  logger: Logger,
): Promise<void> {
  if (!admin) return;
  const existing = await UserModel.findOne({ email: admin.email }).lean();
  if (existing) return;
  await UserModel.create({
    kind: 'admin',
    email: admin.email,
    passwordHash: await hashPassword(admin.password),
    displayName: 'Administration Concerto',
  });
  logger.info({ email: admin.email }, 'platform admin created');
}
