import { z } from 'zod';
import { SecondFactorStatusSchema } from './secondFactor.ts';
import { IdSchema } from '../domain/family.ts';

/** `POST /api/auth/login` body. */
export const LoginRequestSchema = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email('must be an email address')),
  password: z.string().min(1, 'is required').max(200),
  /** `cookie` (browsers): an httpOnly cookie; `token` (scripts): the token in the body, for `Authorization: Bearer`. */
  mode: z.enum(['cookie', 'token']).default('cookie'),
});

/** Shortest password a person may choose; the server also refuses ones that are easy to guess. */
export const passwordMinLength = 12;

/** A password someone chooses: at least 12 characters (and, checked by the server, hard to guess). */
export const NewPasswordSchema = z
  .string()
  .min(passwordMinLength, `must be at least ${passwordMinLength} characters`)
  .max(200);

/** `POST /api/me/password` body: a professional changes their own password. */
export const ChangePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(200),
  newPassword: NewPasswordSchema,
});

/** `POST /api/auth/password-reset` body: the single-use token from the link and the chosen password. */
export const PasswordResetRequestSchema = z.strictObject({
  token: z.string().min(20).max(100),
  newPassword: NewPasswordSchema,
});

/** A single-use link an access manager hands to a colleague who must choose a new password. */
export const PasswordResetLinkSchema = z.object({
  /** Path on this site; the token is in the fragment so it never reaches a server log. */
  path: z.string(),
  expiresAt: z.string(),
});

/** `POST /api/invitations/redeem` body: the token from the link and the 6-digit code given by the professional. */
export const RedeemInvitationRequestSchema = z.strictObject({
  token: z.string().min(20).max(100),
  code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code'),
});

/** The signed-in user as `GET /api/me` shows them. */
export const MeSchema = z.object({
  kind: z.enum(['admin', 'professional', 'familyMember', 'guest']),
  id: IdSchema,
  displayName: z.string(),
  email: z.string().optional(),
  profession: z.string().optional(),
  healthRole: z.enum(['A', 'B']).optional(),
  accessManager: z.boolean().optional(),
  organisation: z.object({ id: IdSchema, name: z.string() }).optional(),
  family: z.object({ id: IdSchema, label: z.string() }).optional(),
  /** A guest (interpreter): the one meeting her pass opens and the language she interprets. */
  meeting: z.object({ id: IdSchema, language: z.string() }).optional(),
  /** A family member's recorded language (the interface follows it unless changed on the device). */
  preferredLanguage: z.string().optional(),
  /** Whether this session may create organisations (the platform admin) or manage staff. */
  canCreateOrganisations: z.boolean(),
  /** Password accounts (professionals, admin): where they stand with the second factor. */
  secondFactor: SecondFactorStatusSchema.optional(),
  canCreateFamilies: z.boolean(),
  /** Whether this site offers passkeys (configured), and how many this person registered. */
  passkeys: z.object({ offered: z.boolean(), registered: z.number().int() }),
});

/** The signed-in user. */
export type Me = z.infer<typeof MeSchema>;
