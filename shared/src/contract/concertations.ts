import { z } from 'zod';
import { IdSchema, LanguageSchema, strata } from '../domain/family.ts';
import { RecordVersionSchema } from './versions.ts';

const TimestampSchema = z.iso.datetime({ offset: true });

/** One agenda item of a concertation. */
export const AgendaItemInputSchema = z.strictObject({ title: z.string().trim().min(1).max(200) });

/** `POST /api/families/:id/concertations` body. Family members are invited one by one. */
export const ScheduleConcertationRequestSchema = z
  .strictObject({
    scheduledAt: TimestampSchema,
    durationMinutes: z.number().int().min(15).max(240).default(60),
    place: z.string().trim().max(200).optional(),
    remote: z.boolean().default(false),
    agenda: z.array(AgendaItemInputSchema).min(1, 'add at least one agenda item').max(20),
    invitedProfessionalIds: z.array(IdSchema).max(30).default([]),
    invitedMemberIds: z.array(IdSchema).max(20).default([]),
    interpreter: z
      .strictObject({ needed: z.boolean(), language: LanguageSchema.optional() })
      .default({ needed: false }),
  })
  .refine((body) => body.remote || !!body.place, {
    message: 'give a place, or hold it remotely',
    path: ['place'],
  })
  .refine((body) => !body.interpreter.needed || !!body.interpreter.language, {
    message: 'which language?',
    path: ['interpreter', 'language'],
  });

/** `PATCH /api/concertations/:id` body: reschedule, edit the agenda, open the room, move the agenda on. */
export const UpdateConcertationRequestSchema = z
  .strictObject({
    scheduledAt: TimestampSchema.optional(),
    durationMinutes: z.number().int().min(15).max(240).optional(),
    place: z.string().trim().max(200).optional(),
    remote: z.boolean().optional(),
    agenda: z.array(AgendaItemInputSchema).min(1).max(20).optional(),
    status: z.enum(['open', 'cancelled']).optional(),
    currentAgendaIndex: z.number().int().min(0).max(19).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

/** How someone took part. */
export const attendanceStatuses = ['present', 'excused', 'absent'] as const;

/** One participant's attendance, recorded automatically or marked by the organiser. */
export const AttendanceSchema = z.object({
  /** `guest`: an interpreter who came with a one-meeting pass (her detail names the language). */
  participantKind: z.enum(['professional', 'familyMember', 'guest']),
  participantId: z.string(),
  name: z.string(),
  detail: z.string().nullable(),
  status: z.enum(attendanceStatuses),
  mode: z.enum(['remote', 'onSite']).nullable(),
  joinedAt: TimestampSchema.nullable(),
  leftAt: TimestampSchema.nullable(),
});

/**
 * How to join a remote concertation: the video call's address (null when the server has no video service,
 * `unconfigured` then tells the organiser why) and the dial-in text for those who phone in.
 */
export const ConcertationCallSchema = z.object({
  url: z.string().nullable(),
  dialIn: z.string().nullable(),
  unconfigured: z.boolean(),
});

/** How to join a remote concertation's call. */
export type ConcertationCall = z.infer<typeof ConcertationCallSchema>;

/** A concertation as the caller may see it. */
export const ConcertationViewSchema = z.object({
  id: IdSchema,
  familyId: IdSchema,
  familyLabel: z.string(),
  scheduledAt: TimestampSchema,
  durationMinutes: z.number(),
  place: z.string().nullable(),
  remote: z.boolean(),
  agenda: z.array(z.object({ title: z.string() })),
  currentAgendaIndex: z.number(),
  invitedProfessionals: z.array(
    z.object({ id: z.string(), displayName: z.string(), profession: z.string() }),
  ),
  invitedMembers: z.array(z.object({ id: z.string(), displayName: z.string() })),
  interpreter: z.object({ needed: z.boolean(), language: z.string().nullable() }),
  organiser: z.object({ id: z.string(), displayName: z.string() }),
  status: z.enum(['scheduled', 'open', 'closed', 'cancelled']),
  startedAt: TimestampSchema.nullable(),
  closedAt: TimestampSchema.nullable(),
  attendance: z.array(AttendanceSchema),
  /** Remote meetings, for those who may join: the call. Null otherwise. */
  call: ConcertationCallSchema.nullable(),
  /** `inviteInterpreters`: may give an interpreter a pass to this meeting (and see and withdraw passes). */
  policies: z.object({ manage: z.boolean(), join: z.boolean(), inviteInterpreters: z.boolean() }),
  /** The version of its schedule, agenda and state, sent back with a change (If-Match). */
  version: RecordVersionSchema,
});

/** A concertation as the caller may see it. */
export type ConcertationView = z.infer<typeof ConcertationViewSchema>;

/** `POST .../concertations` answer: the concertation and, once, each invited member's link and code. */
export const ScheduledConcertationSchema = ConcertationViewSchema.extend({
  memberInvitations: z.array(
    z.object({
      memberId: z.string(),
      displayName: z.string(),
      link: z.string(),
      code: z.string(),
      expiresAt: TimestampSchema,
    }),
  ),
});

/** Positions a family member can give on a proposed decision. */
export const decisionPositions = ['agrees', 'disagrees', 'needsTime'] as const;

/** `POST /api/families/:id/decisions` body: a proposal, live in the room or between meetings. */
export const ProposeDecisionRequestSchema = z.strictObject({
  concertationId: IdSchema.optional(),
  what: z.string().trim().min(3).max(2000),
  owner: z
    .strictObject({
      kind: z.enum(['professional', 'member', 'family']),
      id: z.string().max(40).nullable().default(null),
      name: z.string().trim().min(1).max(120),
    })
    .nullable()
    .default(null),
  dueDate: z.iso.date().optional(),
  linkedPlanItemIds: z.array(z.string().max(60)).max(20).default([]),
  /** Members who must not see this decision (e.g. a protection decision hidden from a partner). */
  hiddenFromMemberIds: z.array(IdSchema).max(20).default([]),
  /** Between meetings: the members whose position is asked (all members it is not hidden from by default). */
  awaitedMemberIds: z.array(IdSchema).max(20).optional(),
  /** Between meetings: the day by which positions are expected (required there when a position is asked). */
  positionsDueBy: z.iso.date().optional(),
});

/** `POST /api/decisions/:id/positions` body: the member's position in their own words. */
export const GivePositionRequestSchema = z.strictObject({
  position: z.enum(decisionPositions),
  words: z.string().trim().max(2000).default(''),
});

/** `POST /api/decisions/:id/amendments` body: a new decision that corrects a recorded one. */
export const AmendDecisionRequestSchema = ProposeDecisionRequestSchema.extend({
  reason: z.string().trim().min(3).max(1000),
  /**
   * Members the correction is hidden from. Left out, it inherits those of the amended decision; a list
   * adds to them, and shows it to someone the amended decision was hidden from only with `widenAudience`.
   */
  hiddenFromMemberIds: z.array(IdSchema).max(20).optional(),
  widenAudience: z.boolean().default(false),
});

/** A decision as the caller may see it. Others' positions are hidden from a member until she gave hers. */
export const DecisionViewSchema = z.object({
  id: IdSchema,
  familyId: IdSchema,
  concertationId: z.string().nullable(),
  what: z.string(),
  owner: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string() }).nullable(),
  dueDate: z.string().nullable(),
  linkedPlanItemIds: z.array(z.string()),
  status: z.enum(['proposed', 'recorded']),
  proposedBy: z.object({ id: z.string(), displayName: z.string() }),
  proposedAt: TimestampSchema,
  recordedAt: TimestampSchema.nullable(),
  amends: z.string().nullable(),
  amendedBy: z.string().nullable(),
  amendmentReason: z.string().nullable(),
  positions: z.array(
    z.object({
      memberId: z.string(),
      displayName: z.string(),
      position: z.enum(decisionPositions),
      words: z.string(),
      at: TimestampSchema,
    }),
  ),
  /** Members whose position is still awaited (names only). */
  awaitingPositionFrom: z.array(z.object({ memberId: z.string(), displayName: z.string() })),
  hiddenFromMemberIds: z.array(z.string()).optional(),
  myPositionGiven: z.boolean(),
  /** Open for positions until this day (between meetings, or kept open when its meeting closed). */
  positionsDueBy: z.string().nullable(),
  /** Whether it may be recorded now: every awaited member answered, or the day for positions passed. */
  recordable: z.boolean(),
});

/** `POST /api/concertations/:id/close` body: proposals of the meeting kept open for positions, until when. */
export const CloseConcertationRequestSchema = z.strictObject({
  keepOpenForPositions: z
    .strictObject({ decisionIds: z.array(IdSchema).max(50), until: z.iso.date() })
    .optional(),
});

/** A decision as the caller may see it. */
export type DecisionView = z.infer<typeof DecisionViewSchema>;

/** `POST /api/families/:id/functions` body: assign, hand over or end a function. */
export const AssignFunctionRequestSchema = z.discriminatedUnion('function', [
  z.strictObject({
    function: z.literal('referent'),
    professionalId: IdSchema,
    /** When a professional records the family's choice for them: whose choice it is. */
    onBehalfOfMemberId: IdSchema.optional(),
    concertationId: IdSchema.optional(),
  }),
  z.strictObject({
    function: z.literal('coordinator'),
    /** null ends the coordination without a successor (a stable situation...): `endReason` says why. */
    professionalId: IdSchema.nullable(),
    endReason: z.string().trim().min(3).max(2000).optional(),
    start: z.iso.date().optional(),
    expectedEnd: z.iso.date().optional(),
    /** Required when another coordinator is in function: what is handed over. */
    handover: z.strictObject({ whatWasHandedOver: z.string().trim().min(3).max(4000) }).optional(),
    concertationId: IdSchema.optional(),
  }),
  z.strictObject({
    function: z.literal('caseManager'),
    professionalId: IdSchema.nullable(),
    reason: z.string().trim().min(3).max(2000),
    concertationId: IdSchema.optional(),
  }),
]);

/** One assignment of a function, kept in the history forever. */
export const FunctionAssignmentSchema = z.object({
  id: IdSchema,
  function: z.enum(['referent', 'coordinator', 'caseManager']),
  professional: z.object({ id: z.string(), displayName: z.string(), profession: z.string() }).nullable(),
  start: TimestampSchema,
  expectedEnd: TimestampSchema.nullable(),
  endedAt: TimestampSchema.nullable(),
  chosenBy: z.object({ kind: z.enum(['familyMember', 'team']), id: z.string(), displayName: z.string() }),
  /** The professional who entered a member's choice for her ("entered by Dr X for L."); null if she did. */
  enteredBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  reason: z.string().nullable(),
  /** Why a coordination ended without a successor. */
  endReason: z.string().nullable(),
  concertationId: z.string().nullable(),
  handover: z
    .object({
      from: z.object({ id: z.string(), displayName: z.string() }),
      whatWasHandedOver: z.string(),
      acknowledgedAt: TimestampSchema.nullable(),
    })
    .nullable(),
});

/** Minutes frozen at the close of a concertation, filtered to what the reader may see. */
export const MinutesSchema = z.object({
  concertation: ConcertationViewSchema.omit({ policies: true, call: true }),
  decisions: z.array(DecisionViewSchema),
  functionChanges: z.array(FunctionAssignmentSchema),
  stratumChanges: z
    .array(
      z.object({
        from: z.enum(strata).nullable(),
        to: z.enum(strata),
        at: TimestampSchema,
        reason: z.string(),
        author: z.string(),
      }),
    )
    .optional(),
  planChanges: z
    .object({
      added: z.array(z.object({ list: z.string(), text: z.string() })),
      changed: z.array(z.object({ list: z.string(), text: z.string(), detail: z.string() })),
      removed: z.array(z.object({ list: z.string(), text: z.string() })),
    })
    .optional(),
});

/** Minutes of a closed concertation. */
export type Minutes = z.infer<typeof MinutesSchema>;
