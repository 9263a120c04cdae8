/** The words of a member's data download in one language; `{date}` marks where a date goes. */
export interface MemberDataLabels {
  /** The BCP 47 locale dates are written in. */
  locale: string;
  rightToLeft: boolean;
  fileName: string;
  documentTitle: string;
  title: string;
  intro: string;
  nothing: string;
  /** What separates a label from its value (French puts a space before the colon). */
  colon: string;
  you: string;
  name: string;
  roleInFamily: string;
  birthDate: string;
  language: string;
  withInterpreter: string;
  file: string;
  fileLabel: string;
  dueDate: string;
  birth: string;
  closed: string;
  left: string;
  consents: string;
  yes: string;
  no: string;
  team: string;
  functions: string;
  since: string;
  until: string;
  sharedWithMe: string;
  assessments: string;
  assessmentNeeds: string;
  expectations: string;
  strengths: string;
  plan: string;
  planNotShared: string;
  needs: string;
  goals: string;
  actions: string;
  dueBy: string;
  concertations: string;
  decisions: string;
  yourOpinion: string;
  referrals: string;
  requests: string;
  roles: Record<string, string>;
  consentScopes: Record<string, string>;
  functionNames: Record<string, string>;
  /** Languages without their own names of the indicators use the French ones, as the family's screens do. */
  indicators?: Record<string, string>;
}
