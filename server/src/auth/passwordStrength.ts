import zxcvbnCore from '@zxcvbn-ts/core';
import languageCommon from '@zxcvbn-ts/language-common';
import languageEnglish from '@zxcvbn-ts/language-en';
import languageFrench from '@zxcvbn-ts/language-fr';
import languageDutch from '@zxcvbn-ts/language-nl-be';
import { invalidField } from '../http/errors.ts';

/** zxcvbn score (0-4) a new password must reach: 3 is "safely unguessable" for an online attacker. */
export const minimumPasswordScore = 3;

let estimator: InstanceType<typeof zxcvbnCore.ZxcvbnFactory> | undefined;

function strengthEstimator() {
  // The dictionaries weigh a few megabytes: loaded on the first password chosen, not at start-up.
  estimator ??= new zxcvbnCore.ZxcvbnFactory({
    graphs: languageCommon.adjacencyGraphs,
    dictionary: {
      ...languageCommon.dictionary,
      ...languageFrench.dictionary,
      ...languageDutch.dictionary,
      ...languageEnglish.dictionary,
    },
  });
  return estimator;
}

/**
 * Refuses a new password that is easy to guess: common words and passwords in French, Dutch and English,
 * keyboard patterns, repeats, or the person's own name and email (400 `password_too_weak`).
 */
export function assertStrongPassword(password: string, personal: string[], field = 'password'): void {
  const { score } = strengthEstimator().check(password, [...personal, 'concerto']);
  if (score < minimumPasswordScore)
    throw invalidField(
      field,
      'is easy to guess: use a longer phrase of unrelated words, without your name or email',
    );
}
