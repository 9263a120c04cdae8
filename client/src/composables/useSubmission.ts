import { nextTick, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { StaleDetails } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import { detailsToIssues, toFieldErrors, type FieldErrors, type FieldIssue } from '../utils/validation.ts';

/** The form the user is submitting: it holds the focus (its submit button or a field). */
function activeForm(): HTMLFormElement | null {
  return document.activeElement?.closest('form') ?? null;
}

/** Focuses the first field marked invalid in that form, once the messages are rendered. */
async function focusFirstInvalidField(form: HTMLFormElement | null): Promise<void> {
  await nextTick();
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** The i18n key for an API error code; unknown codes get a generic message. */
export function errorMessageKey(error: ApiError, te: (key: string) => boolean): string {
  const key = `errors.${error.code}`;
  return te(key) ? key : 'errors.unknown';
}

/**
 * State of one form's submission: pending flag, a general error message and per-field messages
 * (from the shared zod schema before sending, or from the server's `details`). The form keeps what the
 * user typed: nothing here resets its fields.
 */
export function useSubmission() {
  const { te } = useI18n();
  const pending = ref(false);
  const errorKey = ref<string | null>(null);
  const fieldErrors = ref<FieldErrors>({});
  /** Set when someone changed the record meanwhile (409 `stale`): who, when, what. */
  const stale = ref<StaleDetails | null>(null);
  /** The server's `details` of the last error, for a message that needs them (e.g. attempts left). */
  const errorDetails = ref<unknown>(undefined);

  function clear(): void {
    errorKey.value = null;
    errorDetails.value = undefined;
    fieldErrors.value = {};
    stale.value = null;
  }

  /** Shows client-side validation problems and moves focus to the first field to correct. */
  function showIssues(issues: readonly FieldIssue[]): false {
    fieldErrors.value = toFieldErrors(issues);
    errorKey.value = 'errors.checkFields';
    void focusFirstInvalidField(activeForm());
    return false;
  }

  /** Runs the request; on an API error shows its message and returns undefined. */
  async function run<T>(request: () => Promise<T>): Promise<T | undefined> {
    clear();
    const form = activeForm();
    pending.value = true;
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'stale') {
        stale.value = error.details as StaleDetails;
        return undefined;
      }
      fieldErrors.value = toFieldErrors(detailsToIssues(error.details));
      errorDetails.value = error.details;
      errorKey.value = errorMessageKey(error, te);
      void focusFirstInvalidField(form);
      return undefined;
    } finally {
      pending.value = false;
    }
  }

  /** Runs a request whose answer is not needed; true when it succeeded. */
  async function attempt(request: () => Promise<unknown>): Promise<boolean> {
    let succeeded = false;
    await run(async () => {
      await request();
      succeeded = true;
    });
    return succeeded;
  }

  return { pending, errorKey, errorDetails, fieldErrors, stale, clear, showIssues, run, attempt };
}
