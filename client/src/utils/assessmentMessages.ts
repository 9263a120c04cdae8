/** The assessment schemas' messages (shared/src/contract/assessments.ts) and the i18n key the user reads. */
export const assessmentValidationMessages: Record<string, string> = {
  'write the needs in the family’s words': 'assessment.validation.needs',
  'name the person': 'assessment.validation.name',
  'name the professional or service': 'assessment.validation.name',
  'an assessment cannot be in the future': 'assessment.validation.future',
  'the next review comes after the assessment': 'assessment.validation.reviewAfter',
  'one referent at most': 'assessment.validation.oneReferent',
  'the indicator already has this status': 'assessment.validation.sameStatus',
  'a screening cannot be in the future': 'validation.dateInFuture',
  'say what was refused': 'stratumNeeds.validation.what',
  'a refusal cannot be in the future': 'stratumNeeds.validation.future',
};
