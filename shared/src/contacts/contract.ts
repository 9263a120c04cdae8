import { z } from 'zod';
import { IdSchema, LanguageSchema } from '../domain/family.ts';
import { CalendarDateSchema, PersonRefSchema } from '../contract/families.ts';
import { contactKinds, contactLimits, contactPlaces } from './contactKinds.ts';

/**
 * `POST /api/families/:id/contacts` body: one contact with the family. Without a date it happened today;
 * without professionals, the caller took part.
 */
export const RecordContactRequestSchema = z.strictObject({
  date: CalendarDateSchema.optional(),
  kind: z.enum(contactKinds),
  place: z.enum(contactPlaces),
  durationMinutes: z.int().min(1).max(contactLimits.maxDurationMinutes),
  professionalIds: z.array(IdSchema).max(contactLimits.maxParticipants).default([]),
  memberIds: z.array(IdSchema).max(contactLimits.maxParticipants).default([]),
  /** People outside Concerto who took part, by name (a grandmother, a shelter worker). */
  others: z.array(z.string().trim().min(1).max(80)).max(contactLimits.maxOthers).default([]),
  interpreter: z.boolean().default(false),
  /** The language interpreted, required with an interpreter. */
  interpreterLanguage: LanguageSchema.optional(),
  note: z.string().trim().max(contactLimits.maxNote).optional(),
  /** A note with medical content: read by Role A professionals only (and its author). */
  medicalNote: z.boolean().default(false),
});

/** One contact as the caller may see it: the note only when the policy lets her read it. */
export const ContactViewSchema = z.object({
  id: IdSchema,
  date: CalendarDateSchema,
  kind: z.enum(contactKinds),
  place: z.enum(contactPlaces),
  durationMinutes: z.number().int(),
  professionals: z.array(PersonRefSchema),
  members: z.array(z.object({ id: IdSchema, displayName: z.string() })),
  others: z.array(z.string()),
  interpreter: z.boolean(),
  interpreterLanguage: z.string().nullable(),
  note: z.string().nullable(),
  /** The team only: whether a note exists that the caller may not read (medical, or a withdrawn consent). */
  noteWithheld: z.boolean(),
  medicalNote: z.boolean(),
  recordedBy: PersonRefSchema,
  recordedAt: z.iso.datetime({ offset: true }),
});
/** One contact as shown. */
export type ContactView = z.infer<typeof ContactViewSchema>;

const TotalSchema = z.object({ count: z.number().int(), minutes: z.number().int() });

/** Totals of the contacts shown: the family's, by kind, and per professional (each counts the full duration). */
export const ContactTotalsSchema = TotalSchema.extend({
  byKind: z.array(TotalSchema.extend({ kind: z.enum(contactKinds) })),
  byProfessional: z.array(TotalSchema.extend({ professional: PersonRefSchema })),
});
/** Totals of a contact log. */
export type ContactTotals = z.infer<typeof ContactTotalsSchema>;

/** `GET /api/families/:id/contacts`: the contacts the caller may see, newest first, their totals and her rights. */
export const ContactLogSchema = z.object({
  contacts: z.array(ContactViewSchema),
  totals: ContactTotalsSchema,
  policies: z.object({ record: z.boolean(), export: z.boolean(), recordMedicalNote: z.boolean() }),
});
/** A family's contact log as the caller may see it. */
export type ContactLog = z.infer<typeof ContactLogSchema>;
