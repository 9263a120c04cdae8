import type {
  NetworkMeetingView,
  NetworkAttendanceRequestSchema,
  NetworkDecisionRequestSchema,
  ScheduleNetworkMeetingRequestSchema,
  UpdateNetworkMeetingRequestSchema,
} from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';
import { searchProfessionals } from './professionalsService.ts';

// Request types are read from the shared zod schemas, as in types/contract.ts.
type Input<Schema extends { _zod: { input: unknown } }> = Schema['_zod']['input'];

/** A network meeting as sent to `POST /api/network-meetings` (never any family data). */
export type ScheduleNetworkMeetingRequest = Input<typeof ScheduleNetworkMeetingRequestSchema>;
/** Attendance of one member organisation. */
export type NetworkAttendanceRequest = Input<typeof NetworkAttendanceRequestSchema>;
/** A decision of the network: what, who, by when. */
export type NetworkDecisionRequest = Input<typeof NetworkDecisionRequestSchema>;
/** Opening or closing the meeting, or its next date. */
export type UpdateNetworkMeetingRequest = Input<typeof UpdateNetworkMeetingRequestSchema>;
/** An organisation that may be invited to a network meeting. */
export interface OrganisationChoice {
  id: string;
  name: string;
}

const meetingPath = (meetingId: string) => `/network-meetings/${encodeURIComponent(meetingId)}`;

/** The network meetings of my organisation, newest first. */
export function listNetworkMeetings(): Promise<NetworkMeetingView[]> {
  return apiRequest<NetworkMeetingView[]>('/network-meetings');
}

/** Schedules a network meeting; my organisation is a member. */
export function scheduleNetworkMeeting(request: ScheduleNetworkMeetingRequest): Promise<NetworkMeetingView> {
  return sendJson<NetworkMeetingView>('POST', '/network-meetings', request);
}

/** One network meeting (members only). */
export function fetchNetworkMeeting(meetingId: string): Promise<NetworkMeetingView> {
  return apiRequest<NetworkMeetingView>(meetingPath(meetingId));
}

/** Opens or closes the meeting, or sets its next date (organiser), as the organiser saw it (`version`). */
export function updateNetworkMeeting(
  meetingId: string,
  request: UpdateNetworkMeetingRequest,
  version: number,
): Promise<NetworkMeetingView> {
  return sendJson<NetworkMeetingView>('PATCH', meetingPath(meetingId), request, version);
}

/** Records whether an organisation was present or excused, and who came (organiser). */
export function recordAttendance(
  meetingId: string,
  request: NetworkAttendanceRequest,
): Promise<NetworkMeetingView> {
  return sendJson<NetworkMeetingView>('POST', `${meetingPath(meetingId)}/attendance`, request);
}

/** Records a decision of the network (organiser). */
export function recordNetworkDecision(
  meetingId: string,
  request: NetworkDecisionRequest,
): Promise<NetworkMeetingView> {
  return sendJson<NetworkMeetingView>('POST', `${meetingPath(meetingId)}/decisions`, request);
}

/** Publishes the summary to the member organisations: the notes are frozen as text (organiser). */
export function publishNetworkMeeting(meetingId: string): Promise<NetworkMeetingView> {
  return sendJson<NetworkMeetingView>('POST', `${meetingPath(meetingId)}/publish`);
}

/**
 * Organisations found through their professionals (name or profession matching the search): there is no
 * organisation list for professionals, so the active colleagues' organisations stand in for it.
 */
export async function findOrganisations(search: string): Promise<OrganisationChoice[]> {
  const professionals = await searchProfessionals(search);
  const found = new Map<string, OrganisationChoice>();
  for (const professional of professionals)
    found.set(professional.organisation.id, professional.organisation);
  return [...found.values()].sort((first, second) => first.name.localeCompare(second.name));
}
