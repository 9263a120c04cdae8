import { invalidField } from '../http/errors.ts';
import { PasswordStrengthThread } from './passwordStrengthThread.ts';

/** zxcvbn score (0-4) a new password must reach: 3 is "safely unguessable" for an online attacker. */
export const minimumPasswordScore = 3;

// zxcvbn and its dictionaries live in a worker thread (see passwordStrengthWorker.ts), never in this
// heap: ~35 MB at import, and a check that would block every collaboration edit for ~40 ms.
const estimator = new PasswordStrengthThread();

/**
 * Refuses a new password that is easy to guess: common words and passwords in French, Dutch and English,
 * keyboard patterns, repeats, or the person's own name and email (400 `invalid_request` on `field`).
 */
export async function assertStrongPassword(
  password: string,
  personal: string[],
  field = 'password',
): Promise<void> {
  const score = await estimator.score(password, [...personal, 'concerto']);
  if (score < minimumPasswordScore)
    throw invalidField(
      field,
      'is easy to guess: use a longer phrase of unrelated words, without your name or email',
    );
}
