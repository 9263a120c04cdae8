import type {
  AttendanceSchema,
  ConcertationView,
  Minutes,
  ScheduleConcertationRequestSchema,
  ScheduledConcertationSchema,
  UpdateConcertationRequestSchema,
} from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** Body of `POST /api/families/:id/concertations`. */
export type ScheduleConcertationRequest = (typeof ScheduleConcertationRequestSchema)['_zod']['input'];
/** Body of `PATCH /api/concertations/:id`. */
export type UpdateConcertationRequest = (typeof UpdateConcertationRequestSchema)['_zod']['input'];
/** A scheduled concertation with each invited member's personal link and code (given once). */
export type ScheduledConcertation = (typeof ScheduledConcertationSchema)['_zod']['output'];
/** One participant's attendance. */
export type Attendance = (typeof AttendanceSchema)['_zod']['output'];
/** What the organiser marks for one participant. */
export interface AttendanceMark {
  participantKind: Attendance['participantKind'];
  participantId: string;
  status: Attendance['status'];
  mode: Attendance['mode'];
}

/** The path of one concertation in the API. */
export function concertationPath(concertationId: string): string {
  return `/concertations/${encodeURIComponent(concertationId)}`;
}

/** The family's concertations the caller takes part in or follows (newest first). */
export function listConcertations(familyId: string): Promise<ConcertationView[]> {
  return apiRequest<ConcertationView[]>(`${familyPath(familyId)}/concertations`);
}

/** Schedules a concertation; the answer carries each invited member's link and code, once. */
export function scheduleConcertation(
  familyId: string,
  request: ScheduleConcertationRequest,
): Promise<ScheduledConcertation> {
  return sendJson<ScheduledConcertation>('POST', `${familyPath(familyId)}/concertations`, request);
}

/** One concertation as the caller may see it. */
export function fetchConcertation(concertationId: string): Promise<ConcertationView> {
  return apiRequest<ConcertationView>(concertationPath(concertationId));
}

/** Opens the room, moves the agenda, reschedules or cancels (organiser or coordinator), as seen (`version`). */
export function updateConcertation(
  concertationId: string,
  change: UpdateConcertationRequest,
  version: number | undefined,
): Promise<ConcertationView> {
  return sendJson<ConcertationView>('PATCH', concertationPath(concertationId), change, version);
}

/** The organiser marks someone present on site or remotely, excused or absent. */
export function markAttendance(concertationId: string, mark: AttendanceMark): Promise<ConcertationView> {
  return sendJson<ConcertationView>('POST', `${concertationPath(concertationId)}/attendance`, mark);
}

/** Proposals of the meeting kept open for positions after the close, and until which day. */
export type KeepOpenForPositions = { decisionIds: string[]; until: string };

/** Closes the meeting and freezes its minutes; chosen proposals stay open for positions until a day. */
export function closeConcertation(
  concertationId: string,
  keepOpenForPositions?: KeepOpenForPositions,
): Promise<ConcertationView> {
  return sendJson<ConcertationView>(
    'POST',
    `${concertationPath(concertationId)}/close`,
    keepOpenForPositions ? { keepOpenForPositions } : {},
  );
}

/** The caller's own copy of the frozen minutes (409 before the close). */
export function fetchMinutes(concertationId: string): Promise<Minutes> {
  return apiRequest<Minutes>(`${concertationPath(concertationId)}/minutes`);
}

/** The address of the concertation's calendar file, for a download link. */
export function calendarUrl(concertationId: string): string {
  return `/api${concertationPath(concertationId)}/calendar.ics`;
}
