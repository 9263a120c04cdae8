import type { bibScenarios, FundedService } from '../domain/family.ts';

/** One BIB scenario (O, A, B) as the screening tool gave it. */
export type BibScenario = (typeof bibScenarios)[number];

/** The services a scenario may open: every funded service but the screening, which is open to all. */
export const scenarioOpenableServices = ['prenatalConsultation', 'coordination', 'concertation'] as const;
/** A funded service a BIB scenario opens or not. */
export type ScenarioOpenableService = (typeof scenarioOpenableServices)[number];

/** Which funded services each BIB scenario opens: the programme's rule, which its admin keeps in Concerto. */
export type ServicesByScenario = Record<BibScenario, readonly ScenarioOpenableService[]>;

/**
 * The rule until the programme's admin records its own. The guidelines say the scenarios « conditionnent
 * l'accès aux prestations financées (conseil prénatal personnalisé, coordination des soins, concertation
 * multidisciplinaire) » (seed 004, L429) but not which scenario opens which: this default is Concerto's
 * reading — O, no vulnerability counted: none; A, some: the personalised prenatal consultation; B, several:
 * all three. The admin confirms or changes it on the Organisations page (`PUT /api/programme/eligibility`).
 * Screening is open to every family: it is how the scenario is found.
 */
export const defaultServicesByScenario: ServicesByScenario = {
  O: [],
  A: ['prenatalConsultation'],
  B: ['prenatalConsultation', 'coordination', 'concertation'],
};

/** Whether a family may receive a funded service: open, not opened by its scenario, or not screened yet. */
export const serviceEligibilities = ['open', 'notOpened', 'noScreening'] as const;
/** A service's eligibility for one family. */
export type ServiceEligibility = (typeof serviceEligibilities)[number];

/**
 * The eligibility of `service` for a family whose latest recorded BIB scenario is `scenario` (null: none),
 * under the programme's rule `rules`.
 */
export function serviceEligibility(
  service: FundedService,
  scenario: BibScenario | null,
  rules: ServicesByScenario,
): ServiceEligibility {
  if (service === 'screening') return 'open';
  if (!scenario) return 'noScreening';
  return rules[scenario].includes(service) ? 'open' : 'notOpened';
}

/**
 * What proves each service was delivered: the screening its BIB record (contacts optional); the prenatal
 * consultation and the coordination the contacts of the log; the concertation its closed meeting.
 */
export const serviceProof = {
  screening: 'screening',
  prenatalConsultation: 'contacts',
  coordination: 'contacts',
  concertation: 'concertation',
} as const satisfies Record<FundedService, 'screening' | 'contacts' | 'concertation'>;
