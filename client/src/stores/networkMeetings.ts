import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { NetworkMeetingView } from '@concerto/shared';
import { ApiError } from '../services/apiClient.ts';
import * as networkService from '../services/networkService.ts';
import type { ScheduleNetworkMeetingRequest } from '../services/networkService.ts';

/** The network meetings of my organisation: those to come first (soonest first), then the past ones. */
export const useNetworkMeetingsStore = defineStore('networkMeetings', () => {
  const meetings = ref<NetworkMeetingView[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);

  const upcoming = computed(() =>
    meetings.value
      .filter((meeting) => meeting.status !== 'published' && meeting.status !== 'closed')
      .sort((first, second) => first.scheduledAt.localeCompare(second.scheduledAt)),
  );
  const past = computed(() =>
    meetings.value.filter((meeting) => meeting.status === 'published' || meeting.status === 'closed'),
  );

  async function load(): Promise<void> {
    loading.value = true;
    try {
      meetings.value = await networkService.listNetworkMeetings();
      error.value = null;
      loaded.value = true;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loading.value = false;
    }
  }

  async function schedule(request: ScheduleNetworkMeetingRequest): Promise<NetworkMeetingView> {
    const scheduled = await networkService.scheduleNetworkMeeting(request);
    meetings.value = [scheduled, ...meetings.value];
    return scheduled;
  }

  return { meetings, upcoming, past, loading, loaded, error, load, schedule };
});
