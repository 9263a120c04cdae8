import type mongoose from 'mongoose';
import type { z } from 'zod';
import type { CreateProfessionalRequestSchema } from '@concerto/shared';
import { hashPassword } from '../auth/passwords.ts';
import { HttpError } from '../http/errors.ts';
import { UserModel } from '../models/user.ts';

/** Whether a database error is a unique-index violation. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/** Creates a professional's account in an organisation; a used email answers 409. */
export async function createProfessionalAccount(
  organisationId: mongoose.Types.ObjectId,
  input: z.output<typeof CreateProfessionalRequestSchema>,
) {
  try {
    return await UserModel.create({
      kind: 'professional',
      email: input.email,
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName,
      profession: input.profession,
      organisationId,
      healthRole: input.healthRole,
      inamiNumber: input.inamiNumber ?? null,
      accessManager: input.accessManager,
      active: true,
    });
  } catch (error) {
    if (isDuplicateKey(error))
      throw new HttpError(409, 'conflict', 'An account already uses this email address.', [
        { path: 'email', message: 'already used' },
      ]);
    throw error;
  }
}
