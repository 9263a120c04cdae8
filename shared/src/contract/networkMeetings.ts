import { z } from 'zod';
import { IdSchema } from '../domain/family.ts';
import { bassins } from '../domain/directory.ts';
import { RecordVersionSchema } from './versions.ts';

/** Kinds of network meeting (meso level): a bassin's "Rencontres périnatalité" or a hospital's liaison group. */
export const networkMeetingKinds = ['rencontresPerinatalite', 'gtLiaison'] as const;

/**
 * `POST /api/network-meetings` body. Strict: a network meeting has no field for a family, so no family
 * data can be attached to it.
 */
export const ScheduleNetworkMeetingRequestSchema = z
  .strictObject({
    title: z.string().trim().min(3).max(160),
    kind: z.enum(networkMeetingKinds),
    bassin: z.enum(bassins).optional(),
    hospital: z.string().trim().max(160).optional(),
    scheduledAt: z.iso.datetime({ offset: true }),
    place: z.string().trim().max(200).default(''),
    remote: z.boolean().default(false),
    memberOrganisationIds: z.array(IdSchema).max(60).default([]),
    agenda: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  })
  .refine((body) => body.kind !== 'rencontresPerinatalite' || !!body.bassin, {
    message: 'which bassin?',
    path: ['bassin'],
  })
  .refine((body) => body.kind !== 'gtLiaison' || !!body.hospital, {
    message: 'which hospital?',
    path: ['hospital'],
  });

/** `POST /api/network-meetings/:id/attendance`: attendance by organisation. */
export const NetworkAttendanceRequestSchema = z.strictObject({
  organisationId: IdSchema,
  status: z.enum(['present', 'excused', 'absent']),
  attendees: z.array(z.string().trim().min(1).max(120)).max(20).default([]),
});

/** `POST /api/network-meetings/:id/decisions`: who does what by when, agreed by the network. */
export const NetworkDecisionRequestSchema = z.strictObject({
  what: z.string().trim().min(3).max(2000),
  who: z.string().trim().max(200).default(''),
  byWhen: z.iso.date().optional(),
});

/** `PATCH /api/network-meetings/:id`: open or close the meeting, set the next date. */
export const UpdateNetworkMeetingRequestSchema = z
  .strictObject({
    status: z.enum(['open', 'closed']).optional(),
    nextDate: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

/** A network meeting as its members see it. */
export const NetworkMeetingViewSchema = z.object({
  id: IdSchema,
  title: z.string(),
  kind: z.enum(networkMeetingKinds),
  bassin: z.string().nullable(),
  hospital: z.string().nullable(),
  scheduledAt: z.string(),
  place: z.string(),
  remote: z.boolean(),
  agenda: z.array(z.string()),
  organiser: z.object({ id: z.string(), displayName: z.string() }),
  organisations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(['present', 'excused', 'absent']),
      attendees: z.array(z.string()),
    }),
  ),
  decisions: z.array(z.object({ what: z.string(), who: z.string(), byWhen: z.string().nullable() })),
  nextDate: z.string().nullable(),
  status: z.enum(['scheduled', 'open', 'closed', 'published']),
  notesSpaceId: z.string(),
  publishedAt: z.string().nullable(),
  summary: z.object({ notes: z.string(), publishedBy: z.string() }).nullable(),
  canManage: z.boolean(),
  version: RecordVersionSchema,
});

/** A network meeting. */
export type NetworkMeetingView = z.infer<typeof NetworkMeetingViewSchema>;
