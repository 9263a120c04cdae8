import { z } from 'zod';
import { IdSchema } from '../domain/family.ts';
import { compactInamiNumber, isValidInamiNumber } from '../domain/inami.ts';
import { NewPasswordSchema } from './auth.ts';
import { bassins } from '../domain/directory.ts';
import { RecordVersionSchema } from './versions.ts';

/** Kinds of organisation taking part in the programme. */
export const organisationKinds = [
  'hospital',
  'medicalHouse',
  'cpas',
  'one',
  'mentalHealthTeam',
  'independentPractice',
  'familySupport',
  'familyPlanning',
  'other',
] as const;

/** An INAMI/RIZIV number as typed (groups may be separated); validated on its digits and check number. */
export const InamiNumberSchema = z
  .string()
  .max(20)
  .transform(compactInamiNumber)
  .pipe(
    z
      .string()
      .regex(/^\d{11}$/, 'must be 11 digits')
      .refine(isValidInamiNumber, 'is not a valid INAMI number'),
  );

/** The organisation kinds that employ health professionals (AR 78): their Role A access managers grant Role A. */
export const healthOrganisationKinds = [
  'hospital',
  'medicalHouse',
  'mentalHealthTeam',
  'independentPractice',
  'familyPlanning',
] as const;

/** Body that creates one professional account in an organisation. */
export const CreateProfessionalRequestSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(120),
  email: z.string().trim().toLowerCase().pipe(z.email('must be an email address')),
  password: NewPasswordSchema,
  profession: z.string().trim().min(1).max(120),
  healthRole: z.enum(['A', 'B']),
  /** Required for Role A (checked by the server, which names the field). */
  inamiNumber: InamiNumberSchema.optional(),
  accessManager: z.boolean().default(false),
});

/** `POST /api/organisations` body (platform admin): the organisation and, optionally, its first access manager. */
export const CreateOrganisationRequestSchema = z.strictObject({
  name: z.string().trim().min(2).max(160),
  kind: z.enum(organisationKinds),
  /** The bassin it works in (network figures group organisations by bassin). */
  bassin: z.enum(bassins).optional(),
  accessManager: CreateProfessionalRequestSchema.omit({ accessManager: true }).optional(),
});

/** `PATCH /api/organisations/:id/professionals/:professionalId`: (de)activate, access manager, health role. */
export const UpdateProfessionalRequestSchema = z
  .strictObject({
    active: z.boolean().optional(),
    accessManager: z.boolean().optional(),
    healthRole: z.enum(['A', 'B']).optional(),
    inamiNumber: InamiNumberSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

/** What happened to an account's rights: every grant or change is kept and shown to the organisation. */
export const accountChangeKinds = [
  'created',
  'healthRoleChanged',
  'accessManagerGranted',
  'accessManagerRevoked',
  'deactivated',
  'reactivated',
] as const;

/** One grant or change of an account's rights, as its organisation's access managers read it. */
export const AccountChangeSchema = z.object({
  id: IdSchema,
  at: z.string(),
  kind: z.enum(accountChangeKinds),
  professional: z.object({ id: IdSchema, displayName: z.string() }),
  /** The health role after the change (and before it, for a change of role). */
  healthRole: z.enum(['A', 'B']),
  previousHealthRole: z.enum(['A', 'B']).nullable(),
  by: z.object({ kind: z.enum(['admin', 'professional']), displayName: z.string() }),
});

/** One grant or change of an account's rights. */
export type AccountChange = z.infer<typeof AccountChangeSchema>;

/** A professional as others see them (never their email to family members). */
export const ProfessionalSchema = z.object({
  id: IdSchema,
  displayName: z.string(),
  profession: z.string(),
  healthRole: z.enum(['A', 'B']),
  organisation: z.object({ id: IdSchema, name: z.string() }),
  email: z.string().optional(),
  inamiNumber: z.string().optional(),
  accessManager: z.boolean().optional(),
  active: z.boolean().optional(),
  /** The health roles the caller may move this account to (the UI offers only these). */
  healthRoleChanges: z.array(z.enum(['A', 'B'])).optional(),
  /** For its managers: the account's version, sent back with a change (If-Match). */
  version: RecordVersionSchema.optional(),
});

/** A professional as others see them. */
export type Professional = z.infer<typeof ProfessionalSchema>;

/** An organisation. */
export const OrganisationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: z.enum(organisationKinds),
  /** The bassin it works in, or null. */
  bassin: z.enum(bassins).nullable().optional(),
  /** The version of its bassin, sent back as `If-Match` with the next change of it. */
  bassinVersion: z.number().int().nonnegative().optional(),
  /** The health roles the caller may grant to this organisation's staff (the UI offers only these). */
  grantableHealthRoles: z.array(z.enum(['A', 'B'])).optional(),
});

/** An organisation. */
export type Organisation = z.infer<typeof OrganisationSchema>;
