import { z } from 'zod';
import { bassins } from '../domain/directory.ts';
import { IdSchema } from '../domain/family.ts';

/** The groupings figures are given for: my own case-load, one organisation, one bassin. */
export const figuresScopeKinds = ['caseLoad', 'organisation', 'bassin'] as const;

/** The tables of the network figures, in the order the page shows them. */
export const figureKeys = [
  'screening',
  'caseLoad',
  'referrals',
  'concertations',
  'contacts',
  'homeVisits',
] as const;
/** One table of the network figures. */
export type FigureKey = (typeof figureKeys)[number];

/** When a family was first screened (BIB), by the trimester of the pregnancy then. */
export const screeningTimings = [
  'firstTrimester',
  'secondTrimester',
  'thirdTrimester',
  'afterBirth',
  /** Screened, but the file has neither a due date nor a birth date to place it. */
  'screenedWithoutDates',
  'notScreened',
] as const;
/** Where a family stands in the 1000 days, for the case-load table. */
export const caseLoadPhases = ['prenatal', 'postnatal', 'earlyChildhood'] as const;
/** How a referral ended; `open` is still proposed or agreed. */
export const referralOutcomes = ['takenInCharge', 'contactMade', 'declined', 'noAnswer', 'open'] as const;
/** Days from a referral to its outcome (or, still open, to today). */
export const referralDelays = ['withinWeek', 'withinMonth', 'overMonth'] as const;
/** How many home visits an open file had in the period. */
export const homeVisitCounts = ['none', 'one', 'twoOrThree', 'fourOrMore'] as const;
/** Whether the family took part in a concertation held, and how. */
export const concertationPresences = ['familyOnSite', 'familyRemote', 'familyAbsent'] as const;

const ShownCountSchema = z.number().int().nonnegative().nullable();

/** One table after suppression: a hidden count is null and never leaves the server. */
export const FigureTableSchema = z.object({
  key: z.enum(figureKeys),
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  cells: z.array(z.array(ShownCountSchema)),
  rowTotals: z.array(ShownCountSchema).nullable(),
  columnTotals: z.array(ShownCountSchema),
  total: ShownCountSchema,
});
/** One table of figures. */
export type FigureTable = z.infer<typeof FigureTableSchema>;

/** A scope of figures the caller may read, as the scope picker offers it. */
export const FiguresScopeViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('caseLoad') }),
  z.object({ kind: z.literal('organisation'), organisationId: IdSchema, name: z.string() }),
  z.object({ kind: z.literal('bassin'), bassin: z.enum(bassins) }),
]);
/** A scope of figures. */
export type FiguresScopeView = z.infer<typeof FiguresScopeViewSchema>;

const maxPeriodDays = 5 * 366;

/** `GET /api/figures` query: which scope (default: the caller's first) and which period (default: a year). */
export const FiguresQuerySchema = z
  .strictObject({
    scope: z.enum(figuresScopeKinds).optional(),
    organisationId: IdSchema.optional(),
    bassin: z.enum(bassins).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .refine((query) => query.scope !== 'organisation' || !!query.organisationId, {
    message: 'which organisation?',
    path: ['organisationId'],
  })
  .refine((query) => query.scope !== 'bassin' || !!query.bassin, {
    message: 'which bassin?',
    path: ['bassin'],
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'the period ends before it starts',
    path: ['to'],
  })
  .refine(
    (query) =>
      !query.from || !query.to || Date.parse(query.to) - Date.parse(query.from) <= maxPeriodDays * 86_400_000,
    { message: 'at most five years', path: ['from'] },
  );
/** The figures asked for. */
export type FiguresQuery = z.infer<typeof FiguresQuerySchema>;

/** `GET /api/figures`: anonymous counts of one scope and period, small counts hidden. */
export const FiguresViewSchema = z.object({
  scope: FiguresScopeViewSchema,
  /** The period of the events counted (referrals, concertations, contacts), as ISO dates. */
  from: z.string(),
  to: z.string(),
  minimumShownCount: z.number(),
  tables: z.array(FigureTableSchema),
});
/** The figures of one scope and period. */
export type FiguresView = z.infer<typeof FiguresViewSchema>;

/** `PUT /api/organisations/:id/bassin`: the bassin an organisation works in (null: none). */
export const OrganisationBassinRequestSchema = z.strictObject({ bassin: z.enum(bassins).nullable() });
