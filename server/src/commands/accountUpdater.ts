import mongoose from 'mongoose';
import type { z } from 'zod';
import {
  mayChangeHealthRole,
  mayManageAccount,
  type AccountOrganisation,
  type UpdateProfessionalRequestSchema,
  healthRoleOf,
} from '@concerto/shared';
import { announceAccessChange } from '../collab/accessEvents.ts';
import { revokeUserSessions } from '../auth/sessions.ts';
import type { AuthContext } from '../auth/sessions.ts';
import { inTransaction } from '../db/transaction.ts';
import { HttpError, notFound } from '../http/errors.ts';
import { saveVersionedWithin } from '../http/versionedWrite.ts';
import { versionOf } from '../http/versions.ts';
import { UserModel } from '../models/user.ts';
import { assertInamiForRole, assertMayGrant, logAccountChange } from './accountCreator.ts';

type Update = z.output<typeof UpdateProfessionalRequestSchema>;

/**
 * Changes a staff account: active or not, access manager or not, its health role. Only someone who may
 * grant the account's current role (and, for a change, the new one) may; each change of rights is logged
 * with the account in one transaction. Deactivation ends the account's sessions; it and a change of role
 * close its open connections, so the new rights apply at once. A change based on an older version of the
 * account (`basedOn`, the client's If-Match) answers 409 `stale`, naming who changed what.
 */
export async function updateProfessionalAccount(
  auth: AuthContext,
  organisation: AccountOrganisation,
  professionalId: string,
  update: Update,
  basedOn: number | undefined,
) {
  const user = mongoose.isValidObjectId(professionalId)
    ? await UserModel.findOne({ _id: professionalId, organisationId: organisation.id, kind: 'professional' })
    : null;
  if (!user) throw notFound('professional');
  const currentRole = healthRoleOf(user);
  const account = { id: String(user._id), healthRole: currentRole, organisationId: organisation.id };
  if (!mayManageAccount(auth.actor, account, organisation))
    throw new HttpError(
      403,
      'forbidden',
      'This account is Role A: only the platform admin or a Role A access manager of a health organisation manages it.',
    );
  const newRole = update.healthRole ?? currentRole;
  if (newRole !== currentRole) {
    assertMayGrant(auth, newRole, organisation);
    if (!mayChangeHealthRole(auth.actor, account, newRole, organisation))
      throw new HttpError(403, 'forbidden', 'No one changes their own health role.');
  }
  const loadedAt = versionOf(user.lastChange);
  const inamiBefore = user.inamiNumber;
  if (update.inamiNumber !== undefined) user.inamiNumber = update.inamiNumber;
  if (newRole !== currentRole) assertInamiForRole(newRole, user.inamiNumber);

  const changes: Parameters<typeof logAccountChange>[2][] = [];
  if (newRole !== currentRole) {
    user.healthRole = newRole;
    changes.push('healthRoleChanged');
  }
  if (update.accessManager !== undefined && update.accessManager !== user.accessManager) {
    user.accessManager = update.accessManager;
    changes.push(update.accessManager ? 'accessManagerGranted' : 'accessManagerRevoked');
  }
  if (update.active !== undefined && update.active !== user.active) {
    user.active = update.active;
    changes.push(update.active ? 'reactivated' : 'deactivated');
  }
  const fields = [
    ...(newRole !== currentRole ? ['healthRole'] : []),
    ...(user.inamiNumber !== inamiBefore ? ['inamiNumber'] : []),
    ...(changes.some((kind) => kind.startsWith('accessManager')) ? ['accessManager'] : []),
    ...(changes.includes('deactivated') || changes.includes('reactivated') ? ['active'] : []),
  ];
  await inTransaction(async (session) => {
    await saveVersionedWithin(user, {
      what: 'account',
      by: auth.displayName,
      fields,
      basedOn,
      loadedAt,
      session,
    });
    for (const kind of changes)
      await logAccountChange(auth, user, kind, kind === 'healthRoleChanged' ? currentRole : null, session);
  });
  if (changes.includes('deactivated')) await revokeUserSessions(user._id);
  // Sessions re-read the account on every request; open websockets are re-authorised now.
  if (changes.includes('deactivated') || changes.includes('healthRoleChanged'))
    announceAccessChange({ kind: 'user', userId: String(user._id) });
  return user;
}
