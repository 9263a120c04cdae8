import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Assessments } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as assessmentsService from '../services/assessmentsService.ts';
import type { RecordAssessmentInput } from '../services/assessmentsService.ts';

/** The assessments of the open family file, as the server filtered them for the caller. */
export const useAssessmentsStore = defineStore('assessments', () => {
  const list = ref<Assessments | null>(null);
  const familyId = ref('');
  const loading = ref(false);
  const error = ref<ApiError | null>(null);

  async function load(id: string): Promise<void> {
    if (familyId.value !== id) list.value = null;
    familyId.value = id;
    loading.value = true;
    try {
      list.value = await assessmentsService.fetchAssessments(id);
      error.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  /** Records an assessment, then reads the list again (its errors reach the form that asked). */
  async function record(request: RecordAssessmentInput): Promise<void> {
    await assessmentsService.recordAssessment(familyId.value, request);
    await load(familyId.value);
  }

  /** Changes who among the members sees one assessment. */
  async function share(assessmentId: string, memberIds: string[]): Promise<void> {
    await assessmentsService.shareAssessment(familyId.value, assessmentId, memberIds);
    await load(familyId.value);
  }

  return { list, loading, error, load, record, share };
});
