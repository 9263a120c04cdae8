import { z } from 'zod';
import { IdSchema } from '../domain/family.ts';
import { ConcertationCallSchema } from './concertations.ts';

const TimestampSchema = z.iso.datetime({ offset: true });

/** `POST /api/concertations/:id/interpreters` body: who interprets, in which language, for which service. */
export const InviteInterpreterRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(120),
  language: z.string().trim().min(1, 'is required').max(60),
  organisation: z.string().trim().max(120).optional(),
});

/** An interpreter's one-meeting pass, as those who run the meeting see it (never its link or code). */
export const InterpreterPassSchema = z.object({
  id: IdSchema,
  name: z.string(),
  language: z.string(),
  organisation: z.string().nullable(),
  invitedBy: z.string(),
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema,
  redeemedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});

/** An interpreter's one-meeting pass. */
export type InterpreterPass = z.infer<typeof InterpreterPassSchema>;

/** The answer to an invitation: the pass, and once, its link and 6-digit code to hand to the interpreter. */
export const InterpreterPassCreatedSchema = InterpreterPassSchema.extend({
  link: z.string(),
  code: z.string(),
});

/** `GET /api/interpreter/meeting`: the one meeting a guest's pass opens, as its room shows it. */
export const GuestMeetingSchema = z.object({
  id: IdSchema,
  scheduledAt: TimestampSchema,
  durationMinutes: z.number(),
  status: z.enum(['scheduled', 'open', 'closed', 'cancelled']),
  agenda: z.array(z.object({ title: z.string() })),
  currentAgendaIndex: z.number(),
  /** A remote meeting's call, so that she hears it; null on site. */
  call: ConcertationCallSchema.nullable(),
  language: z.string(),
});

/** The one meeting a guest's pass opens. */
export type GuestMeeting = z.infer<typeof GuestMeetingSchema>;
