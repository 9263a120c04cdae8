import { z } from 'zod';
import {
  IdSchema,
  LanguageSchema,
  bibScenarios,
  consentScopes,
  entryPointKinds,
  fundedServices,
  memberRoles,
  strata,
  teamFunctions,
} from '../domain/family.ts';
import { indicatorKeys, type IndicatorKey } from '../domain/indicators.ts';
import { indicatorStatuses } from '../domain/assessment.ts';
import { phases } from '../domain/phase.ts';
import { RecordVersionSchema } from './versions.ts';
import { fileEndKinds } from '../domain/closing.ts';
import { familyActions } from '../policy/family.ts';
import { FundedServiceEligibilitySchema, FundedServiceRecordSchema } from '../fundedServices/contract.ts';

/** A calendar date as `YYYY-MM-DD` (dates of birth, due dates). */
export const CalendarDateSchema = z.iso.date('must be a date as YYYY-MM-DD');
const TimestampSchema = z.iso.datetime({ offset: true });
const ReasonSchema = z.string().trim().min(3, 'say why in a few words').max(2000);

/** One member of the family as entered by a professional. */
export const NewMemberSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(120),
  role: z.enum(memberRoles),
  birthDate: CalendarDateSchema.optional(),
  preferredLanguage: LanguageSchema.default('fr'),
  interpreterNeeded: z.boolean().default(false),
});

/** `POST /api/families` body. The creator joins the care team. */
export const CreateFamilyRequestSchema = z.strictObject({
  label: z.string().trim().min(1).max(120).describe('How the team names the file, e.g. "Famille M."'),
  members: z.array(NewMemberSchema).min(1, 'add at least one member').max(20),
  dueDate: CalendarDateSchema.optional(),
  birthDate: CalendarDateSchema.optional(),
  entryPoint: z.strictObject({
    kind: z.enum(entryPointKinds),
    place: z.string().trim().max(160).optional(),
    at: CalendarDateSchema.optional(),
  }),
  stratum: z.enum(strata).default('lowRisk'),
});

/** `PATCH /api/families/:id` body. */
export const UpdateFamilyRequestSchema = z
  .strictObject({
    label: z.string().trim().min(1).max(120).optional(),
    dueDate: CalendarDateSchema.nullable().optional(),
    birthDate: CalendarDateSchema.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

/** `POST /api/families/:id/members/:memberId/invitations` body. */
export const CreateInvitationRequestSchema = z.strictObject({
  expiresInDays: z.number().int().min(1).max(30).default(7),
  /** Open the shared plan to her ("contribute") unless a professional excludes her (a person to protect). */
  sharePlan: z.boolean().default(true),
});

/** `POST /api/families/:id/team` body; functions are assigned afterwards through the functions rules. */
export const AddTeamMemberRequestSchema = z.strictObject({
  professionalId: IdSchema,
  hiddenFromMemberIds: z.array(IdSchema).max(20).default([]),
});

/** `POST /api/families/:id/strata` body. */
export const ChangeStratumRequestSchema = z.strictObject({ stratum: z.enum(strata), reason: ReasonSchema });

/** `POST /api/families/:id/indicators` body. */
export const RecordIndicatorRequestSchema = z.strictObject({
  key: z.enum(indicatorKeys as [IndicatorKey, ...IndicatorKey[]]),
  aboutMemberId: IdSchema.optional(),
  note: z.string().trim().max(2000).optional(),
  sharedWithMemberIds: z.array(IdSchema).max(20).default([]),
});

/** `PATCH /api/families/:id/indicators/:indicatorId` body: who among the members it is shared with. */
export const ShareIndicatorRequestSchema = z.strictObject({ sharedWithMemberIds: z.array(IdSchema).max(20) });

/** `POST /api/families/:id/screening` body: the BIB scenario as given by the tool. */
export const RecordScreeningRequestSchema = z.strictObject({
  scenario: z.enum(bibScenarios),
  at: CalendarDateSchema.optional(),
});

/** `POST /api/families/:id/services` body: one of the four funded services was delivered. */
export const RecordServiceRequestSchema = z.strictObject({
  service: z.enum(fundedServices),
  at: CalendarDateSchema.optional(),
  note: z.string().trim().max(500).optional(),
  /** The contacts of the log that prove it (required for the prenatal consultation and the coordination). */
  contactIds: z.array(IdSchema).max(50).default([]),
  /** The closed meeting that proves a concertation. */
  concertationId: IdSchema.optional(),
});

/** `POST /api/families/:id/flags` body: a suspicion about a sensitive indicator, readable by Role A only. */
export const RaiseFlagRequestSchema = z.strictObject({
  indicatorKey: z.enum(indicatorKeys as [IndicatorKey, ...IndicatorKey[]]),
  note: z.string().trim().min(3).max(2000),
});

/** `POST /api/families/:id/consents` body. */
export const RecordConsentRequestSchema = z.strictObject({
  memberId: IdSchema,
  scope: z.enum(consentScopes),
  granted: z.boolean(),
});

/** Someone named in a view: her id and display name. */
export const PersonRefSchema = z.object({ id: z.string(), displayName: z.string() });

/** A family member as shown in the file. */
export const MemberSchema = z.object({
  id: IdSchema,
  displayName: z.string(),
  role: z.enum(memberRoles),
  birthDate: CalendarDateSchema.nullable(),
  preferredLanguage: z.string(),
  interpreterNeeded: z.boolean(),
});

/** A team membership as shown in the file. */
export const TeamMembershipSchema = z.object({
  professionalId: IdSchema,
  displayName: z.string(),
  profession: z.string(),
  healthRole: z.enum(['A', 'B']),
  organisationName: z.string(),
  functions: z.array(z.enum(teamFunctions)),
  joinedAt: TimestampSchema,
  endedAt: TimestampSchema.nullable(),
  hiddenFromMemberIds: z.array(IdSchema).optional(),
});

/** A vulnerability indicator as shown in the file (only those the caller may read are ever sent). */
export const IndicatorSchema = z.object({
  id: IdSchema,
  key: z.enum(indicatorKeys as [IndicatorKey, ...IndicatorKey[]]),
  category: z.enum(['social', 'medical']),
  aboutMemberId: IdSchema.nullable(),
  note: z.string().nullable(),
  recordedBy: PersonRefSchema,
  recordedAt: TimestampSchema,
  sharedWithMemberIds: z.array(IdSchema).optional(),
  version: RecordVersionSchema,
  /** Active, attenuated or resolved, and each change with who and when (seed 004, lines 206-232). */
  status: z.enum(indicatorStatuses),
  statusHistory: z.array(
    z.object({
      status: z.enum(indicatorStatuses),
      at: TimestampSchema,
      by: PersonRefSchema,
      note: z.string().nullable(),
    }),
  ),
});

/** One change of stratum. */
export const StratumChangeSchema = z.object({
  from: z.enum(strata).nullable(),
  to: z.enum(strata),
  at: TimestampSchema,
  author: PersonRefSchema,
  reason: z.string(),
});

/** How a file ended, as the file shows it. */
export const FileClosureSchema = z.object({
  kind: z.enum(fileEndKinds),
  at: CalendarDateSchema,
  by: PersonRefSchema,
  reason: z.string(),
  purgeAfter: CalendarDateSchema.describe('After this day the file is deleted, leaving only a purge record'),
});

/** The end of the 1000 days as the file shows it: whether the question is asked now, and what was answered. */
export const FollowUpSchema = z.object({
  closingDue: z.boolean().describe('The child turned two and no extension runs: close or extend'),
  thousandDaysOver: z.boolean().describe('The child turned two: closing and extending are possible'),
  secondBirthday: CalendarDateSchema.nullable(),
  extensions: z.array(
    z.object({ reason: z.string(), reviewDate: CalendarDateSchema, at: z.string(), by: PersonRefSchema }),
  ),
});

/** The family file, filtered to what the caller may read, with the caller's policies. */
export const FamilyViewSchema = z.object({
  id: IdSchema,
  label: z.string(),
  dueDate: CalendarDateSchema.nullable(),
  birthDate: CalendarDateSchema.nullable(),
  version: RecordVersionSchema,
  phase: z.enum(phases).nullable(),
  dayOf1000: z.number().int().nullable(),
  gestationalWeeks: z.number().int().nullable(),
  members: z.array(MemberSchema),
  team: z.array(TeamMembershipSchema),
  entryPoint: z
    .object({
      kind: z.enum(entryPointKinds),
      place: z.string().nullable(),
      at: CalendarDateSchema,
      by: PersonRefSchema,
    })
    .optional(),
  stratum: z.enum(strata).optional(),
  strataHistory: z.array(StratumChangeSchema).optional(),
  screening: z
    .object({ scenario: z.enum(bibScenarios), at: CalendarDateSchema, recordedBy: PersonRefSchema })
    .nullable()
    .optional(),
  /** Every BIB screening, oldest first: the evolution of the scenario (seed 004, line 427). */
  screenings: z
    .array(z.object({ scenario: z.enum(bibScenarios), at: CalendarDateSchema, recordedBy: PersonRefSchema }))
    .optional(),
  services: z.array(FundedServiceRecordSchema).optional(),
  serviceEligibility: FundedServiceEligibilitySchema.optional(),
  indicators: z.array(IndicatorSchema),
  consents: z.array(
    z.object({
      memberId: IdSchema,
      scope: z.enum(consentScopes),
      granted: z.boolean(),
      at: TimestampSchema,
      through: PersonRefSchema,
    }),
  ),
  closure: FileClosureSchema.nullable(),
  followUp: FollowUpSchema,
  policies: z.record(z.enum(familyActions), z.boolean()),
});

/** The family file as the caller may see it. */
export type FamilyView = z.infer<typeof FamilyViewSchema>;

/** One line of "my families". */
export const FamilySummarySchema = z.object({
  id: IdSchema,
  label: z.string(),
  phase: z.enum(phases).nullable(),
  dayOf1000: z.number().int().nullable(),
  stratum: z.enum(strata).optional(),
  nextStep: z
    .enum([
      'recordScreening',
      'recordConsent',
      'chooseReferent',
      'planConcertation',
      'prepareMaternityLiaison',
    ])
    .nullable(),
  myFunctions: z.array(z.enum(teamFunctions)),
});

/** One line of "my families". */
export type FamilySummary = z.infer<typeof FamilySummarySchema>;

/** A suspicion flag (Role A with a therapeutic link only). */
export const FlagSchema = z.object({
  id: IdSchema,
  indicatorKey: z.string(),
  note: z.string(),
  raisedBy: PersonRefSchema,
  raisedAt: TimestampSchema,
});

/** One entry of the family file's audit trail. */
export const AuditEntrySchema = z.object({
  id: IdSchema,
  at: TimestampSchema,
  actor: z.object({
    kind: z.enum(['professional', 'familyMember', 'admin', 'guest']),
    displayName: z.string(),
    detail: z.string().nullable(),
  }),
  access: z.enum(['read', 'write']),
  part: z.string(),
  /** The space opened, when the entry is about one (shared with the member who reads her trail). */
  space: z.object({ id: IdSchema, title: z.string() }).nullable().optional(),
  /** In a member's trail: her own views, shown folded away. */
  own: z.boolean().optional(),
});

/** `POST .../invitations` answer: the link and the code, shown once to the professional who hands them over. */
export const InvitationCreatedSchema = z.object({
  link: z.string(),
  code: z.string(),
  expiresAt: TimestampSchema,
});
