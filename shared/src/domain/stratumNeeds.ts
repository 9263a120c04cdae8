import type { Stratum, TeamFunction } from './family.ts';

/**
 * What each stratum needs for the continuous assessment (seed 004, line 1158): a referent; a referent
 * and/or coordination; coordination; coordination or case management (refusal and danger alike).
 */
export type StratumNeed =
  'referent' | 'referentOrCoordination' | 'coordination' | 'coordinationOrCaseManagement';

/** The need of each stratum. */
export const stratumNeeds: Record<Stratum, StratumNeed> = {
  lowRisk: 'referent',
  specific: 'referentOrCoordination',
  complex: 'coordination',
  refusal: 'coordinationOrCaseManagement',
  danger: 'coordinationOrCaseManagement',
};

/** The functions that answer each need, in the order they are named. */
export const functionsAnswering: Record<StratumNeed, readonly TeamFunction[]> = {
  referent: ['referent'],
  referentOrCoordination: ['referent', 'coordinator'],
  coordination: ['coordinator'],
  coordinationOrCaseManagement: ['coordinator', 'caseManager'],
};

/**
 * Strata whose families may coordinate themselves between professionals (seed 004, lines 695 and 701):
 * low risk, and a specific vulnerability when the family chooses to.
 */
export const selfCoordinationStrata: readonly Stratum[] = ['lowRisk', 'specific'];

/** Whether the family's stratum is answered by the functions held: the need, and which functions meet it. */
export function stratumNeedOf(
  stratum: Stratum,
  functionsHeld: readonly TeamFunction[],
): { need: StratumNeed; metBy: TeamFunction[] } {
  const need = stratumNeeds[stratum];
  return { need, metBy: functionsAnswering[need].filter((name) => functionsHeld.includes(name)) };
}

/** One refusal as the rule reads it: when it was expressed, and whether it was said explicitly. */
export interface RefusalFact {
  at: Date;
  explicit: boolean;
}

/**
 * Whether refusal is established as the guidelines define it (seed 004, line 192): « exprimé à plusieurs
 * reprises par la famille et communiqué de manière explicite » — explicit refusals on at least two days.
 */
export function refusalRepeated(refusals: readonly RefusalFact[]): boolean {
  const days = new Set(
    refusals.filter((refusal) => refusal.explicit).map((refusal) => refusal.at.toISOString().slice(0, 10)),
  );
  return days.size >= 2;
}

/** The key moments after which the stratum should be looked at again. */
export type StratumReviewTrigger = 'assessment' | 'birth' | 'followUpExtension';

/** What the stratum-review rule looks at: when the stratum was last set or confirmed, and the key moments. */
export interface StratumReviewInput {
  /** The latest of: the file's opening, a change of stratum, a confirmation of the stratum. */
  lastReviewedAt: Date;
  latestAssessmentAt: Date | null;
  birthDate: Date | null;
  latestFollowUpExtensionAt: Date | null;
}

/**
 * The key moment that calls for a stratum review (seed 004: strata change at any step — after a
 * re-assessment, at birth, at the day-1000 decision), or null when the stratum was looked at since.
 * The earliest moment not yet followed by a review is named.
 */
export function stratumReviewDue(
  input: StratumReviewInput,
  today: Date,
): { trigger: StratumReviewTrigger; since: Date } | null {
  const moments: [StratumReviewTrigger, Date | null][] = [
    ['assessment', input.latestAssessmentAt],
    ['birth', input.birthDate],
    ['followUpExtension', input.latestFollowUpExtensionAt],
  ];
  const pending = moments
    .filter((moment): moment is [StratumReviewTrigger, Date] => !!moment[1])
    .filter(([, at]) => at > input.lastReviewedAt && at <= today)
    .sort((first, second) => first[1].getTime() - second[1].getTime());
  const [first] = pending;
  return first ? { trigger: first[0], since: first[1] } : null;
}

/** Dated events around a family's stratum: a refusal, the family coordinating itself, a confirmation. */
export const stratumEventKinds = ['refusal', 'selfCoordination', 'review'] as const;
/** One kind of stratum event. */
export type StratumEventKind = (typeof stratumEventKinds)[number];
