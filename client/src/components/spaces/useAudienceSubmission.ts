import { ref } from 'vue';
import type { SpaceAudience } from '@concerto/shared';
import { ApiError } from '../../services/apiClient.ts';
import { useSubmission } from '../../composables/useSubmission.ts';
import { detailsToIssues, type FieldIssue } from '../../utils/validation.ts';
import { problemKey, problemMessageKey } from './audienceDraft.ts';

/**
 * Sends a space's title and audience and puts each problem (from the shared schema or the server's
 * `details`) next to the field or the person it is about.
 */
export function useAudienceSubmission() {
  const submission = useSubmission();
  const problems = ref<Record<string, string>>({});

  function place(issues: readonly FieldIssue[], sent: SpaceAudience): void {
    const placed: Record<string, string> = {};
    for (const issue of issues) {
      const path = typeof issue.path === 'string' ? issue.path : issue.path.map(String).join('.');
      placed[problemKey(path, sent)] ??= problemMessageKey(issue.message);
    }
    problems.value = placed;
  }

  /** Shows problems found before sending and moves focus to the first one. */
  function showIssues(issues: readonly FieldIssue[], sent: SpaceAudience): void {
    place(issues, sent);
    submission.showIssues(issues);
  }

  /** Runs the request; on an API error shows its problems and returns undefined. */
  function send<T>(sent: SpaceAudience, request: () => Promise<T>): Promise<T | undefined> {
    problems.value = {};
    return submission.run(async () => {
      try {
        return await request();
      } catch (error) {
        if (error instanceof ApiError) place(detailsToIssues(error.details), sent);
        throw error;
      }
    });
  }

  return {
    pending: submission.pending,
    errorKey: submission.errorKey,
    stale: submission.stale,
    problems,
    showIssues,
    send,
  };
}
