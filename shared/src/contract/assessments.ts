import { z } from 'zod';
import { assessmentKinds, assessmentSettings, indicatorStatuses } from '../domain/assessment.ts';
import { IdSchema } from '../domain/family.ts';
import { CalendarDateSchema, PersonRefSchema } from './families.ts';

const TimestampSchema = z.iso.datetime({ offset: true });
const words = (max: number) => z.string().trim().max(max);

/** Someone of the informal network: a person around the family, not an account (seed 004, line 397). */
export const InformalContactSchema = z.strictObject({
  name: words(120).min(1, 'name the person'),
  relation: words(120).default('').describe('e.g. "her sister", "a neighbour"'),
  support: words(500).default('').describe('What this person brings, in the family’s words'),
});

/** Someone of the formal network: a professional or service, on Concerto or not. */
export const FormalContactSchema = z.strictObject({
  name: words(120).min(1, 'name the professional or service'),
  role: words(120).default('').describe('Profession or kind of service, e.g. "GP", "SAJ"'),
  organisation: words(160).default(''),
  phone: words(40).default(''),
  /** The team member this is, when she is on Concerto (names follow her account). */
  professionalId: IdSchema.optional(),
  /** This person or team already carries the referent function (seed 004, line 398). */
  referent: z.boolean().default(false),
});

/** `POST /api/families/:id/assessments` body: the first assessment of a family, then each re-assessment. */
export const RecordAssessmentRequestSchema = z
  .strictObject({
    at: CalendarDateSchema.describe('The day of the assessment'),
    setting: z.enum(assessmentSettings),
    needs: words(4000).min(1, 'write the needs in the family’s words'),
    expectations: words(4000).default(''),
    strengths: words(4000).default(''),
    informalNetwork: z.array(InformalContactSchema).max(30).default([]),
    formalNetwork: z.array(FormalContactSchema).max(30).default([]),
    interpreterUsed: z.boolean().default(false),
    /** Medical observations: Role A only, never shown to the family through the assessment. */
    clinicalObservations: words(4000).optional(),
    nextReviewDate: CalendarDateSchema.optional(),
    sharedWithMemberIds: z.array(IdSchema).max(20).default([]),
  })
  .refine((body) => body.at <= new Date().toISOString().slice(0, 10), {
    path: ['at'],
    message: 'an assessment cannot be in the future',
  })
  .refine((body) => !body.nextReviewDate || body.nextReviewDate > body.at, {
    path: ['nextReviewDate'],
    message: 'the next review comes after the assessment',
  })
  .refine((body) => body.formalNetwork.filter((contact) => contact.referent).length <= 1, {
    path: ['formalNetwork'],
    message: 'one referent at most',
  });

/** `PATCH /api/families/:id/assessments/:assessmentId` body: which members, one by one, see it. */
export const ShareAssessmentRequestSchema = z.strictObject({
  sharedWithMemberIds: z.array(IdSchema).max(20),
});

/** An assessment as the caller may read it. */
export const AssessmentViewSchema = z.object({
  id: IdSchema,
  kind: z.enum(assessmentKinds),
  at: CalendarDateSchema,
  setting: z.enum(assessmentSettings),
  needs: z.string(),
  expectations: z.string(),
  strengths: z.string(),
  informalNetwork: z.array(z.object({ name: z.string(), relation: z.string(), support: z.string() })),
  formalNetwork: z.array(
    z.object({
      name: z.string(),
      role: z.string(),
      organisation: z.string(),
      phone: z.string(),
      professionalId: IdSchema.nullable(),
      referent: z.boolean(),
    }),
  ),
  interpreterUsed: z.boolean(),
  /** Present for Role A professionals of the team only. */
  clinicalObservations: z.string().nullable().optional(),
  nextReviewDate: CalendarDateSchema.nullable(),
  recordedBy: PersonRefSchema,
  recordedAt: TimestampSchema,
  /** Present for those who may change it (the team). */
  sharedWithMemberIds: z.array(IdSchema).optional(),
});

/** One assessment as shown. */
export type AssessmentView = z.infer<typeof AssessmentViewSchema>;

/** `GET /api/families/:id/assessments`: the assessments, oldest first, and where the next review stands. */
export const AssessmentsSchema = z.object({
  assessments: z.array(AssessmentViewSchema),
  review: z.object({
    state: z.enum(['none', 'planned', 'due', 'overdue']),
    date: CalendarDateSchema.nullable(),
    days: z.number().int().nullable(),
  }),
  /** What the caller may do here, so the UI never recomputes permissions. */
  policies: z.object({ record: z.boolean(), recordClinical: z.boolean() }),
});

/** The assessments of a family as the caller may read them. */
export type Assessments = z.infer<typeof AssessmentsSchema>;

/** `POST /api/families/:id/indicators/:indicatorId/status` body. */
export const ChangeIndicatorStatusRequestSchema = z.strictObject({
  status: z.enum(indicatorStatuses),
  note: words(1000).optional(),
});

/** An assessment as sent to be recorded. */
export type RecordAssessmentRequest = z.output<typeof RecordAssessmentRequestSchema>;
