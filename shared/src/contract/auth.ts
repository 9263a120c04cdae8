import { z } from 'zod';
import { IdSchema } from '../domain/family.ts';

/** `POST /api/auth/login` body. */
export const LoginRequestSchema = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email('must be an email address')),
  password: z.string().min(1, 'is required').max(200),
  /** `cookie` (browsers): an httpOnly cookie; `token` (scripts): the token in the body, for `Authorization: Bearer`. */
  mode: z.enum(['cookie', 'token']).default('cookie'),
});

/** `POST /api/invitations/redeem` body: the token from the link and the 6-digit code given by the professional. */
export const RedeemInvitationRequestSchema = z.strictObject({
  token: z.string().min(20).max(100),
  code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code'),
});

/** The signed-in user as `GET /api/me` shows them. */
export const MeSchema = z.object({
  kind: z.enum(['admin', 'professional', 'familyMember']),
  id: IdSchema,
  displayName: z.string(),
  email: z.string().optional(),
  profession: z.string().optional(),
  healthRole: z.enum(['A', 'B']).optional(),
  accessManager: z.boolean().optional(),
  organisation: z.object({ id: IdSchema, name: z.string() }).optional(),
  family: z.object({ id: IdSchema, label: z.string() }).optional(),
  /** A family member's recorded language (the interface follows it unless changed on the device). */
  preferredLanguage: z.string().optional(),
  /** Whether this session may create organisations (the platform admin) or manage staff. */
  canCreateOrganisations: z.boolean(),
  canCreateFamilies: z.boolean(),
});

/** The signed-in user. */
export type Me = z.infer<typeof MeSchema>;
