import { z } from 'zod';

const canonicalIdPattern = /^[a-f0-9]{24}$/;

/** A stored id as the API shows it (a MongoDB ObjectId in lower-case hex). */
export const IdSchema = z.string().regex(canonicalIdPattern, 'must be a 24-character hexadecimal id');

/**
 * Whether a string is an id in its one canonical spelling (24 lower-case hex digits). MongoDB also
 * accepts upper case and 12-byte strings for the same id: every variant must answer 404, never open
 * a second copy of something (a Yjs document is named by its space id).
 */
export function isCanonicalId(value: unknown): value is string {
  return typeof value === 'string' && canonicalIdPattern.test(value);
}

/** Strata: how much support a family needs; a family can move both ways at any time. */
export const strata = ['lowRisk', 'specific', 'complex', 'refusal', 'danger'] as const;
/** One of the five strata. */
export type Stratum = (typeof strata)[number];

/** Roles of family members in the file. */
export const memberRoles = ['pregnantPerson', 'secondParent', 'child', 'chosenPerson'] as const;
/** The role of a member within the family. */
export type MemberRole = (typeof memberRoles)[number];

/** Languages a member may prefer; an interpreter flag covers the others. */
export const LanguageSchema = z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as fr, nl, ar');

/** Where the family first met the system: redirecting only, or assessing. */
export const entryPointKinds = ['orientation', 'initialAssessment'] as const;

/**
 * The usual places of each kind of entry point (seed 004): the doors that only redirect, and those that
 * assess. A file stores one of these keys as its place, or the user's own words for another place.
 */
export const entryPointPlaces = {
  orientation: ['pharmacy', 'mutuality', 'emergency', 'school', 'other'],
  initialAssessment: [
    'generalPractitioner',
    'midwife',
    'hospital',
    'gynaecologist',
    'familyPlanning',
    'cpas',
    'one',
    'maisonMedicale',
    'mentalHealth',
    'other',
  ],
} as const;

/** The four funded services (prestations) of the programme. */
export const fundedServices = ['screening', 'prenatalConsultation', 'coordination', 'concertation'] as const;
/** One of the four funded services. */
export type FundedService = (typeof fundedServices)[number];

/** BIB scenarios as given by the screening tool (the product records them, it does not compute them). */
export const bibScenarios = ['O', 'A', 'B'] as const;

/** Scopes a family member consents to, one by one. */
export const consentScopes = ['screening', 'teamSharing', 'concertation'] as const;
/** One consent scope. */
export type ConsentScope = (typeof consentScopes)[number];

/** Functions a professional can hold for a family. */
export const teamFunctions = ['referent', 'coordinator', 'caseManager'] as const;
/** One function a professional holds for a family. */
export type TeamFunction = (typeof teamFunctions)[number];
