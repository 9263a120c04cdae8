import { z } from 'zod';
import { IdSchema, bibScenarios, fundedServices } from '../domain/family.ts';
import { contactPlaces } from '../contacts/contactKinds.ts';
import { scenarioOpenableServices, serviceEligibilities } from './eligibility.ts';

const PersonSchema = z.object({ id: z.string(), displayName: z.string() });

/**
 * One funded service as the team sees it in the file: when, by whom, and its proof — the contacts or the
 * meeting it rests on, their total duration, places and participants (copied when it was recorded).
 * Records made before proofs existed carry only the date, the author and the note.
 */
export const FundedServiceRecordSchema = z.object({
  service: z.enum(fundedServices),
  at: z.iso.date(),
  deliveredBy: PersonSchema,
  note: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  places: z.array(z.enum(contactPlaces)),
  participants: z.object({
    professionals: z.array(PersonSchema),
    members: z.array(PersonSchema),
    others: z.array(z.string()),
  }),
  contactIds: z.array(IdSchema),
  concertationId: IdSchema.nullable(),
  /** Whether the family's BIB scenario opened this service when it was recorded (null: recorded before). */
  eligibility: z.enum(serviceEligibilities).nullable(),
});
/** One funded service as shown. */
export type FundedServiceRecord = z.infer<typeof FundedServiceRecordSchema>;

/** The family's latest BIB scenario and what it opens now: each service's eligibility. */
export const FundedServiceEligibilitySchema = z.object({
  scenario: z.enum(bibScenarios).nullable(),
  services: z.record(z.enum(fundedServices), z.enum(serviceEligibilities)),
});
/** The family's eligibility to the funded services. */
export type FundedServiceEligibility = z.infer<typeof FundedServiceEligibilitySchema>;

/** `GET /api/organisations/:id/services.csv` query: the period, both days included (default: this year). */
export const ServicesExportQuerySchema = z.strictObject({
  from: z.iso.date('must be a date as YYYY-MM-DD').optional(),
  to: z.iso.date('must be a date as YYYY-MM-DD').optional(),
});

const OpenedServicesSchema = z
  .array(z.enum(scenarioOpenableServices))
  .max(scenarioOpenableServices.length)
  .refine((services) => new Set(services).size === services.length, 'names a service twice');

/** Which services each BIB scenario opens, as the admin sends it. */
export const UpdateEligibilityRulesRequestSchema = z.strictObject({
  servicesByScenario: z.strictObject({
    O: OpenedServicesSchema,
    A: OpenedServicesSchema,
    B: OpenedServicesSchema,
  }),
});

/** The programme's rule as in force: which services each scenario opens, and who set it when. */
export const EligibilityRulesSchema = z.object({
  servicesByScenario: z.object({
    O: z.array(z.enum(scenarioOpenableServices)),
    A: z.array(z.enum(scenarioOpenableServices)),
    B: z.array(z.enum(scenarioOpenableServices)),
  }),
  /** True while the admin has not recorded the programme's own rule (Concerto's default applies). */
  isDefault: z.boolean(),
  changedAt: z.iso.datetime().nullable(),
  changedBy: z.string().nullable(),
  version: z.number().int(),
  /** Whether the caller may change it (the platform's admin). */
  mayChange: z.boolean(),
});
/** The programme's eligibility rule as shown. */
export type EligibilityRules = z.infer<typeof EligibilityRulesSchema>;
