/** Bassins d'aide et de soins in Brussels, and Walloon areas, where directory services are found. */
export const bassins = [
  'bruxellesNord',
  'bruxellesNordEst',
  'bruxellesCentreOuest',
  'bruxellesSud',
  'bruxellesSudEst',
  'brabantWallon',
  'hainaut',
  'liege',
  'luxembourg',
  'namur',
] as const;
/** One bassin or area. */
export type Bassin = (typeof bassins)[number];

/** Kinds of service in the living resource directory, with the words people search for in fr, nl and en. */
export const serviceKindTerms = {
  midwife: ['sage-femme', 'vroedvrouw', 'midwife'],
  generalPractitioner: ['médecin généraliste', 'huisarts', 'general practitioner GP'],
  maternity: ['maternité', 'materniteit', 'maternity ward'],
  oneConsultation: ['consultation ONE', 'Kind en Gezin', 'child health clinic'],
  cpas: ['CPAS', 'OCMW', 'public social welfare centre'],
  mentalHealth: ['santé mentale', 'geestelijke gezondheid', 'mental health'],
  familySupport: ['soutien à la parentalité', 'opvoedingsondersteuning', 'family support'],
  familyPlanning: ['planning familial', 'gezinsplanning', 'family planning'],
  childcare: ['crèche', 'kinderopvang', 'childcare'],
  housing: ['logement', 'huisvesting', 'housing'],
  violenceSupport: ['violences conjugales', 'partnergeweld', 'domestic violence support'],
  interpreting: ['interprétariat', 'tolken', 'interpreting'],
  legalAid: ['aide juridique', 'juridische hulp', 'legal aid'],
  addiction: ['assuétudes', 'verslaving', 'addiction'],
  other: ['autre', 'ander', 'other'],
} as const;
/** One kind of service. */
export type ServiceKind = keyof typeof serviceKindTerms;
/** Every kind of service. */
export const serviceKinds = Object.keys(serviceKindTerms) as ServiceKind[];

/**
 * Text as the directory search compares it: lower case, accents removed, punctuation and hyphens as
 * spaces — so "sage femme" finds "Sage-femme" and "creche" finds "Crèche".
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, ' ')
    .trim();
}
