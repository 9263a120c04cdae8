import type { MyWork } from '@concerto/shared';
import { apiRequest } from './apiClient.ts';

/** "Mon travail": functions, key moments, open referrals and actions, upcoming concertations. */
export function fetchMyWork(): Promise<MyWork> {
  return apiRequest<MyWork>('/me/work');
}

/** The address of my upcoming concertations as an iCalendar file (a plain download link). */
export const calendarUrl = '/api/me/calendar.ics';
