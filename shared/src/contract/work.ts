import { z } from 'zod';
import { PlanActionSchema } from '../collab/planDocument.ts';
import { ReferralViewSchema } from './directory.ts';
import { watchAlertKinds } from '../domain/keyMomentAlerts.ts';
import { maternityLiaisonKinds } from '../domain/keyMomentWatch.ts';
import { ClosingSummarySchema, RightsRequestViewSchema } from './closing.ts';

/** One entry of "my work": what, for which family, and where in Concerto it is handled. */
const Linked = z.object({ familyId: z.string(), familyLabel: z.string(), link: z.string() });

/** `GET /api/me/work`: everything a professional (or, for her actions, a family member) should keep an eye on. */
export const MyWorkSchema = z.object({
  functions: z.array(
    Linked.extend({ functions: z.array(z.enum(['referent', 'coordinator', 'caseManager'])) }),
  ),
  actions: z.array(Linked.extend({ action: PlanActionSchema, needText: z.string().nullable() })),
  referrals: z.array(Linked.extend({ referral: ReferralViewSchema })),
  concertations: z.array(
    Linked.extend({ concertationId: z.string(), scheduledAt: z.string(), status: z.string() }),
  ),
  keyMoments: z.array(
    Linked.extend({
      kind: z.enum([
        ...watchAlertKinds,
        'birthExpectedSoon',
        'coordinatorTermEnding',
        'noReferent',
        'endOfThousandDays',
      ]),
      days: z.number().nullable(),
      /** For the maternity liaison: the moments still to record. */
      missing: z.array(z.enum(maternityLiaisonKinds)).optional(),
    }),
  ),
  /** Initial assessments to do and re-assessments near or past their date, for whoever the policy reminds. */
  assessmentReviews: z.array(
    Linked.extend({
      state: z.enum(['initialMissing', 'due', 'overdue']),
      date: z.string().nullable(),
      days: z.number().nullable(),
    }),
  ),
  /** Strata to look at again after a key moment (a re-assessment, the birth, a day-1000 decision). */
  stratumReviews: z.array(
    Linked.extend({ trigger: z.enum(['assessment', 'birth', 'followUpExtension']), since: z.string() }),
  ),
  /** Summaries of closed files handed to this professional as referent or GP. */
  closingSummaries: z.array(ClosingSummarySchema),
  /** Members' requests to correct or erase data, for the coordinator who answers them. */
  rightsRequests: z.array(RightsRequestViewSchema.extend({ link: z.string() })),
});

/** "My work". */
export type MyWork = z.infer<typeof MyWorkSchema>;
