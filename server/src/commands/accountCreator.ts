import mongoose from 'mongoose';
import type { z } from 'zod';
import {
  grantorOf,
  mayGrantHealthRole,
  type AccountOrganisation,
  type CreateProfessionalRequestSchema,
  type HealthRole,
  healthRoleOf,
} from '@concerto/shared';
import { hashPassword } from '../auth/passwords.ts';
import type { AuthContext } from '../auth/sessions.ts';
import { assertStrongPassword } from '../auth/passwordStrength.ts';
import { HttpError, invalidField } from '../http/errors.ts';
import { AccountChangeModel } from '../models/accountChange.ts';
import { UserModel } from '../models/user.ts';

type ChangeKind = 'created' | 'healthRoleChanged' | 'accessManagerGranted' | 'accessManagerRevoked';
type StoredUser = InstanceType<typeof UserModel>;

/** Whether a database error is a unique-index violation. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/** 403 naming who may grant the role, when the caller may not. */
export function assertMayGrant(auth: AuthContext, role: HealthRole, organisation: AccountOrganisation): void {
  if (mayGrantHealthRole(auth.actor, role, organisation)) return;
  throw new HttpError(
    403,
    'forbidden',
    role === 'A'
      ? 'Role A (health professional, AR 78) is granted only by the platform admin or by a Role A access manager of a health organisation.'
      : 'Only the platform admin or an access manager of this organisation grants access to its staff.',
    [{ path: 'healthRole', message: 'you may not grant this role' }],
  );
}

/** Role A needs an INAMI number (the schema has already checked its digits). */
export function assertInamiForRole(role: HealthRole, inamiNumber: string | null | undefined): void {
  if (role === 'A' && !inamiNumber)
    throw invalidField('inamiNumber', 'required for Role A (health professional, AR 78)');
}

/** Writes one entry of the organisation's log of grants and changes of rights. */
export async function logAccountChange(
  auth: AuthContext,
  user: StoredUser,
  kind: ChangeKind | 'deactivated' | 'reactivated',
  previousHealthRole: HealthRole | null,
  session: mongoose.ClientSession | null,
): Promise<void> {
  const grantor = grantorOf(auth.actor);
  if (!grantor) throw new Error('Only the admin or a professional changes accounts.');
  await AccountChangeModel.create(
    [
      {
        organisationId: user.organisationId!,
        professionalId: user._id,
        professionalName: user.displayName,
        kind,
        healthRole: healthRoleOf(user),
        previousHealthRole,
        byKind: grantor.kind,
        byUserId: grantor.userId,
        byName: auth.displayName,
        at: new Date(),
      },
    ],
    { session },
  );
}

/**
 * Creates a professional's account in an organisation, after checking the caller may grant its role
 * and that Role A carries an INAMI number; the grant is logged in the same transaction (the caller's,
 * when `within` is given, e.g. creating the organisation with its first access manager). A used email
 * answers 409.
 */
export async function createProfessionalAccount(
  auth: AuthContext,
  organisation: AccountOrganisation,
  input: z.output<typeof CreateProfessionalRequestSchema>,
  within: mongoose.ClientSession | null = null,
) {
  assertMayGrant(auth, input.healthRole, organisation);
  assertInamiForRole(input.healthRole, input.inamiNumber);
  await assertStrongPassword(input.password, [input.email, input.displayName]);
  const passwordHash = await hashPassword(input.password);
  const write = async (session: mongoose.ClientSession) => {
    const [user] = await UserModel.create(
      [
        {
          kind: 'professional',
          email: input.email,
          passwordHash,
          displayName: input.displayName,
          profession: input.profession,
          organisationId: organisation.id,
          healthRole: input.healthRole,
          inamiNumber: input.inamiNumber ?? null,
          accessManager: input.accessManager,
          active: true,
        },
      ],
      { session },
    );
    await logAccountChange(auth, user!, 'created', null, session);
    return user!;
  };
  try {
    return await (within ? write(within) : mongoose.connection.transaction(write));
  } catch (error) {
    if (isDuplicateKey(error))
      throw new HttpError(409, 'conflict', 'An account already uses this email address.', [
        { path: 'email', message: 'already used' },
      ]);
    throw error;
  }
}
