/** Whether an indicator is socio-demographic/social (Role A and B) or medical (Role A only). */
export type IndicatorCategory = 'social' | 'medical';

/**
 * Vulnerability indicators: the BIB tool's list widened to bio-psycho-social factors (DOMAIN.md).
 * Psychological well-being, substance use and violence are medical data: Role B never reads them.
 */
export const indicatorCategories = {
  countryOfBirth: 'social',
  education: 'social',
  professionalStatus: 'social',
  secondParentProfessionalStatus: 'social',
  communication: 'social',
  income: 'social',
  socialSupport: 'social',
  residenceStatus: 'social',
  housing: 'social',
  psychologicalWellbeing: 'medical',
  substanceUse: 'medical',
  violence: 'medical',
  medicalHistory: 'medical',
  psychiatricHistory: 'medical',
  obstetricHistory: 'medical',
  disability: 'medical',
  geneticPredisposition: 'medical',
  adoptionProject: 'social',
  obstetricSituation: 'medical',
  // Socio-demographic: seed 004 lists age (teenage or late pregnancy, line 231) among the factors, and
  // Role B reads socio-demographic indicators (line 433).
  pregnancyAge: 'social',
  newbornVulnerability: 'medical',
} as const satisfies Record<string, IndicatorCategory>;

/** The key of one vulnerability indicator. */
export type IndicatorKey = keyof typeof indicatorCategories;

/** Every indicator key, in display order. */
export const indicatorKeys = Object.keys(indicatorCategories) as IndicatorKey[];

/** Indicators a Role B professional may flag a suspicion about (the sensitive, medical ones). */
export const flaggableIndicatorKeys = indicatorKeys.filter((key) => indicatorCategories[key] === 'medical');
