import { z } from 'zod';
import { IdSchema, LanguageSchema } from '../domain/family.ts';
import { bassins, serviceKinds, type ServiceKind } from '../domain/directory.ts';
import { RecordVersionSchema } from './versions.ts';

const kinds = serviceKinds as [ServiceKind, ...ServiceKind[]];

/** Availability of a service this week: saturation changes often, so every update is dated. */
export const AvailabilitySchema = z.strictObject({
  status: z.enum(['available', 'waitingList', 'full']),
  note: z.string().trim().max(500).default(''),
});

/** The fields of a directory entry, each as it is checked (no defaults: a PATCH must not reset anything). */
const entryFields = {
  name: z.string().trim().min(2).max(160),
  kind: z.enum(kinds),
  offer: z.string().trim().max(2000),
  languages: z.array(LanguageSchema).max(20),
  cost: z.enum(['free', 'paid', 'incomeBased']),
  bassin: z.enum(bassins),
  address: z.string().trim().max(300),
  phone: z.string().trim().max(40),
  email: z.union([z.literal(''), z.email()]),
  website: z.union([z.literal(''), z.url()]),
  openingHours: z.string().trim().max(500),
};

/** `POST /api/directory` body (and CSV import rows). */
export const DirectoryEntryInputSchema = z.strictObject({
  ...entryFields,
  offer: entryFields.offer.default(''),
  languages: entryFields.languages.default(['fr']),
  address: entryFields.address.default(''),
  phone: entryFields.phone.default(''),
  email: entryFields.email.default(''),
  website: entryFields.website.default(''),
  openingHours: entryFields.openingHours.default(''),
});

/** `PATCH /api/directory/:id`: the maintainer edits anything; any professional updates the availability. */
export const UpdateDirectoryEntryRequestSchema = z
  .strictObject({ ...entryFields, availability: AvailabilitySchema })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

/** `POST /api/directory/:id/suggestions`: anyone signed in suggests a correction. */
export const SuggestCorrectionRequestSchema = z.strictObject({ text: z.string().trim().min(3).max(2000) });

/** `GET /api/directory` query. */
export const DirectoryQuerySchema = z.strictObject({
  q: z.string().trim().max(100).default(''),
  bassin: z.enum(bassins).optional(),
  kind: z.enum(kinds).optional(),
  language: LanguageSchema.optional(),
});

/** A service of the living directory. */
export const DirectoryEntrySchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: z.enum(kinds),
  offer: z.string(),
  languages: z.array(z.string()),
  cost: z.enum(['free', 'paid', 'incomeBased']),
  bassin: z.enum(bassins),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  website: z.string(),
  openingHours: z.string(),
  availability: z
    .object({
      status: z.enum(['available', 'waitingList', 'full']),
      note: z.string(),
      updatedAt: z.string(),
      updatedBy: z.string(),
    })
    .nullable(),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  version: RecordVersionSchema,
  suggestions: z.array(z.object({ text: z.string(), by: z.string(), at: z.string() })).optional(),
  canEdit: z.boolean(),
});

/** A service of the living directory. */
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;

/** Steps of a closed-loop referral. Closed only once contact happened, or with a reason. */
export const referralStatuses = [
  'proposed',
  'agreed',
  'contactMade',
  'takenInCharge',
  'declined',
  'noAnswer',
] as const;
/** One step of a referral. */
export type ReferralStatus = (typeof referralStatuses)[number];

/** Which step may follow which: forward one step at a time, or out with a reason. */
export const referralTransitions: Record<ReferralStatus, readonly ReferralStatus[]> = {
  proposed: ['agreed', 'declined'],
  agreed: ['contactMade', 'declined', 'noAnswer'],
  contactMade: ['takenInCharge', 'declined', 'noAnswer'],
  takenInCharge: [],
  declined: [],
  noAnswer: ['agreed'],
};

/** A referral stays on the lists, and is followed up, until the service has taken the family in charge. */
export const openReferralStatuses: readonly ReferralStatus[] = [
  'proposed',
  'agreed',
  'contactMade',
  'noAnswer',
];

/** `POST /api/families/:id/referrals` body. */
export const CreateReferralRequestSchema = z.strictObject({
  memberId: IdSchema,
  entryId: IdSchema,
  reason: z.string().trim().min(3).max(2000),
  familyAgreed: z.boolean().default(false),
  followUpDate: z.iso.date(),
  hiddenFromMemberIds: z.array(IdSchema).max(20).default([]),
  concertationId: IdSchema.optional(),
});

/** `PATCH /api/referrals/:id` body: the next step (with a note; a reason for declined / no answer). */
export const UpdateReferralRequestSchema = z
  .strictObject({
    status: z.enum(referralStatuses).optional(),
    note: z.string().trim().max(2000).default(''),
    followUpDate: z.iso.date().optional(),
  })
  .refine((body) => body.status !== undefined || body.followUpDate !== undefined, 'nothing to change')
  .refine((body) => !(body.status === 'declined' || body.status === 'noAnswer') || body.note.length >= 3, {
    message: 'say why',
    path: ['note'],
  });

/** A referral as the caller may see it. */
export const ReferralViewSchema = z.object({
  id: IdSchema,
  familyId: IdSchema,
  member: z.object({ id: z.string(), displayName: z.string() }),
  entry: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  reason: z.string(),
  status: z.enum(referralStatuses),
  followUpDate: z.string(),
  overdue: z.boolean(),
  history: z.array(
    z.object({
      from: z.string().nullable(),
      to: z.string(),
      at: z.string(),
      by: z.string(),
      note: z.string(),
    }),
  ),
  hiddenFromMemberIds: z.array(z.string()).optional(),
  allowedNext: z.array(z.enum(referralStatuses)),
  version: RecordVersionSchema,
});

/** A referral as the caller may see it. */
export type ReferralView = z.infer<typeof ReferralViewSchema>;
