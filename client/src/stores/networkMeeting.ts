import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { NetworkMeetingView } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as networkService from '../services/networkService.ts';

/** The network meeting that is open: every change is sent, and the server's answer is what is shown. */
export const useNetworkMeetingStore = defineStore('networkMeeting', () => {
  const meeting = ref<NetworkMeetingView | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);

  async function load(id: string): Promise<void> {
    if (meeting.value?.id !== id) meeting.value = null;
    loading.value = true;
    try {
      meeting.value = await networkService.fetchNetworkMeeting(id);
      error.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  /** Loads the open meeting again as it is now (after someone else changed it). */
  const reload = async (): Promise<void> => {
    if (meeting.value) await load(meeting.value.id);
  };

  /** Runs a change of the open meeting (at the version shown) and shows the meeting the server sends back. */
  async function change(
    request: (meetingId: string, version: number) => Promise<NetworkMeetingView>,
  ): Promise<NetworkMeetingView> {
    if (!meeting.value) throw new Error('Open a network meeting (load) before changing it.');
    const updated = await request(meeting.value.id, meeting.value.version);
    meeting.value = updated;
    return updated;
  }

  const setStatus = (status: 'open' | 'closed') =>
    change((id, version) => networkService.updateNetworkMeeting(id, { status }, version));
  const setNextDate = (nextDate: string | null) =>
    change((id, version) => networkService.updateNetworkMeeting(id, { nextDate }, version));
  const recordAttendance = (request: networkService.NetworkAttendanceRequest) =>
    change((id) => networkService.recordAttendance(id, request));
  const recordDecision = (request: networkService.NetworkDecisionRequest) =>
    change((id) => networkService.recordNetworkDecision(id, request));
  const publish = () => change((id) => networkService.publishNetworkMeeting(id));

  return {
    meeting,
    loading,
    error,
    load,
    reload,
    setStatus,
    setNextDate,
    recordAttendance,
    recordDecision,
    publish,
  };
});
