import { z } from 'zod';
import { IdSchema } from '../domain/family.ts';

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

const PasswordSchema = z.string().min(10, 'must be at least 10 characters').max(200);

/** Body that creates one professional account in an organisation. */
export const CreateProfessionalRequestSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(120),
  email: z.string().trim().toLowerCase().pipe(z.email('must be an email address')),
  password: PasswordSchema,
  profession: z.string().trim().min(1).max(120),
  healthRole: z.enum(['A', 'B']),
  inamiNumber: z
    .string()
    .regex(/^\d{11}$/, 'must be 11 digits')
    .optional(),
  accessManager: z.boolean().default(false),
});

/** `POST /api/organisations` body (platform admin): the organisation and, optionally, its first access manager. */
export const CreateOrganisationRequestSchema = z.strictObject({
  name: z.string().trim().min(2).max(160),
  kind: z.enum(organisationKinds),
  accessManager: CreateProfessionalRequestSchema.omit({ accessManager: true }).optional(),
});

/** `PATCH /api/organisations/:id/professionals/:professionalId`: deactivate or reactivate an account. */
export const UpdateProfessionalRequestSchema = z.strictObject({
  active: z.boolean().optional(),
  accessManager: z.boolean().optional(),
});

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
});

/** A professional as others see them. */
export type Professional = z.infer<typeof ProfessionalSchema>;

/** An organisation. */
export const OrganisationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: z.enum(organisationKinds),
});

/** An organisation. */
export type Organisation = z.infer<typeof OrganisationSchema>;
