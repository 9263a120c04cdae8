import { z } from 'zod';
import { fileEndKinds } from '../domain/closing.ts';
import { teamFunctions } from '../domain/family.ts';
import { CalendarDateSchema } from './families.ts';

const ReasonSchema = z.string().trim().min(3, 'say why in a few words').max(2000);

/** `POST /api/families/:id/closure`: close the file at the end of the 1000 days, or record that the family left. */
export const CloseFileRequestSchema = z.strictObject({
  kind: z
    .enum(fileEndKinds)
    .describe('closed: the 1000 days are over; left: the family leaves the programme'),
  reason: ReasonSchema,
  at: CalendarDateSchema.optional().describe('When the family left (today when absent); not in the future'),
});

/** `POST /api/families/:id/follow-up-extensions`: go on past day 1000, with a reason and a review date. */
export const ExtendFollowUpRequestSchema = z.strictObject({
  reason: ReasonSchema,
  reviewDate: CalendarDateSchema.describe(
    'When the coordinator looks at it again: after today, within a year',
  ),
});

/** The summary handed to the referent and the GP when a file closes, filtered for its recipient. */
export const ClosingSummarySchema = z.object({
  id: z.string(),
  familyId: z.string(),
  familyLabel: z.string(),
  kind: z.enum(fileEndKinds),
  closedAt: CalendarDateSchema,
  closedBy: z.string(),
  reason: z.string(),
  functions: z.array(
    z.object({
      function: z.enum(teamFunctions),
      displayName: z.string(),
      start: CalendarDateSchema,
      end: CalendarDateSchema.nullable(),
    }),
  ),
  decisions: z.array(z.object({ what: z.string(), status: z.string(), at: CalendarDateSchema })),
  openActions: z.array(
    z.object({ what: z.string(), owner: z.string().nullable(), dueDate: z.string().nullable() }),
  ),
  referrals: z.array(z.object({ service: z.string(), status: z.string(), at: CalendarDateSchema })),
  /** Indicators the recipient may read (medical ones only for a Role A recipient). */
  indicators: z.array(
    z.object({ key: z.string(), category: z.enum(['social', 'medical']), note: z.string() }),
  ),
});
/** A closing summary. */
export type ClosingSummary = z.infer<typeof ClosingSummarySchema>;

/** Kinds of request a member makes about her data (GDPR articles 16 and 17). */
export const rightsRequestKinds = ['correction', 'erasure'] as const;

/** `POST /api/families/:id/rights-requests`: a member asks to correct or erase something, in her words. */
export const RightsRequestSchema = z.strictObject({
  kind: z.enum(rightsRequestKinds),
  text: z.string().trim().min(3, 'say in a few words what should change').max(4000),
});

/** A member's request as the coordinator finds it in "my work". */
export const RightsRequestViewSchema = z.object({
  id: z.string(),
  familyId: z.string(),
  familyLabel: z.string(),
  kind: z.enum(rightsRequestKinds),
  text: z.string(),
  memberName: z.string(),
  at: z.string(),
});

const Dated = z.string().describe('A date (YYYY-MM-DD) or a timestamp');

/**
 * `GET /api/families/:id/my-data`: everything the file holds about the calling member and shared with her
 * (GDPR article 15). Built by the access-aware repository: never another member's data, never a flag, a
 * hidden decision or a professional hidden from her.
 */
export const MemberDataSchema = z.object({
  generatedAt: z.string(),
  file: z.object({
    label: z.string(),
    dueDate: z.string().nullable(),
    birthDate: z.string().nullable(),
    closure: z.object({ kind: z.enum(fileEndKinds), at: Dated }).nullable(),
  }),
  me: z.object({
    displayName: z.string(),
    role: z.string(),
    birthDate: z.string().nullable(),
    preferredLanguage: z.string(),
    interpreterNeeded: z.boolean(),
  }),
  consents: z.array(z.object({ scope: z.string(), granted: z.boolean(), at: Dated })),
  team: z.array(
    z.object({
      displayName: z.string(),
      profession: z.string(),
      organisationName: z.string(),
      functions: z.array(z.string()),
      joinedAt: Dated,
      endedAt: z.string().nullable(),
    }),
  ),
  functions: z.array(
    z.object({ function: z.string(), displayName: z.string(), start: Dated, end: z.string().nullable() }),
  ),
  sharedWithMe: z.array(
    z.object({ key: z.string(), category: z.string(), note: z.string().nullable(), recordedAt: Dated }),
  ),
  /** Assessments shared with her: the needs, expectations and strengths she told the team, and when. */
  assessments: z
    .array(z.object({ at: Dated, needs: z.string(), expectations: z.string(), strengths: z.string() }))
    .optional(),
  plan: z
    .object({
      needs: z.array(z.string()),
      goals: z.array(z.string()),
      actions: z.array(z.object({ what: z.string(), status: z.string(), dueDate: z.string().nullable() })),
    })
    .nullable(),
  concertations: z.array(z.object({ scheduledAt: Dated, status: z.string() })),
  decisions: z.array(
    z.object({
      what: z.string(),
      status: z.string(),
      proposedAt: Dated,
      recordedAt: z.string().nullable(),
      myPosition: z.object({ position: z.string(), words: z.string(), at: Dated }).nullable(),
    }),
  ),
  referrals: z.array(z.object({ service: z.string(), status: z.string(), at: Dated })),
  /** Contacts she took part in (home visits, consultations...), as the contact policy shows them to her. */
  contacts: z.array(
    z.object({
      date: Dated,
      kind: z.string(),
      place: z.string(),
      durationMinutes: z.number().int(),
      professionals: z.array(z.string()),
      interpreter: z.boolean(),
    }),
  ),
  requests: z.array(z.object({ kind: z.enum(rightsRequestKinds), text: z.string(), at: Dated })),
  /** Documents about her, shared with her or added by her, that she may read; each downloads on its own. */
  documents: z
    .array(
      z.object({
        name: z.string(),
        contentType: z.string(),
        size: z.number().int(),
        addedAt: Dated,
        downloadPath: z.string(),
      }),
    )
    .optional(),
  /** Her regular GP and whether she has a DMG, as recorded on the file. */
  generalPractitioner: z
    .object({ name: z.string(), practice: z.string(), phone: z.string(), globalMedicalRecord: z.string() })
    .nullable()
    .optional(),
});
/** What a member downloads about herself. */
export type MemberData = z.infer<typeof MemberDataSchema>;
