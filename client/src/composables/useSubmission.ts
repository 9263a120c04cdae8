import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '../services/apiClient.ts';
import { detailsToIssues, toFieldErrors, type FieldErrors, type FieldIssue } from '../utils/validation.ts';

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
  const hasErrors = computed(() => errorKey.value !== null || Object.keys(fieldErrors.value).length > 0);

  function clear(): void {
    errorKey.value = null;
    fieldErrors.value = {};
  }

  /** Shows client-side validation problems; returns false so callers can `return showIssues(...)`. */
  function showIssues(issues: readonly FieldIssue[]): false {
    fieldErrors.value = toFieldErrors(issues);
    errorKey.value = 'errors.checkFields';
    return false;
  }

  /** Runs the request; on an API error shows its message and returns undefined. */
  async function run<T>(request: () => Promise<T>): Promise<T | undefined> {
    clear();
    pending.value = true;
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      fieldErrors.value = toFieldErrors(detailsToIssues(error.details));
      errorKey.value = errorMessageKey(error, te);
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

  return { pending, errorKey, fieldErrors, hasErrors, clear, showIssues, run, attempt };
}
