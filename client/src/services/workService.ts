import type { MyWork, PlanAction } from '@concerto/shared';
import { apiRequest } from './apiClient.ts';

/** "Mon travail": functions, key moments, open referrals and actions, upcoming concertations. */
export function fetchMyWork(): Promise<MyWork> {
  return apiRequest<MyWork>('/me/work');
}

/** The address of my upcoming concertations as an iCalendar file (a plain download link). */
export const calendarUrl = '/api/me/calendar.ics';

/** An open plan action I carry, with the family and plan it belongs to. */
export type MyAction = PlanAction & { familyId: string; familyLabel: string; spaceId: string };

/** Open actions of shared plans that I carry (a family member: hers, in her own family). */
export function fetchMyActions(): Promise<MyAction[]> {
  return apiRequest<MyAction[]>('/me/actions');
}
