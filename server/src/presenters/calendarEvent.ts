import type { ConcertationCall } from '@concerto/shared';
import type { ConcertationDocument } from '../models/concertation.ts';
import type { CalendarEvent } from './calendarPresenter.ts';

type Meeting = Pick<
  ConcertationDocument,
  '_id' | 'scheduledAt' | 'durationMinutes' | 'place' | 'remote' | 'status'
>;

/**
 * One concertation as a calendar event: a neutral title, the place and/or the video call as its location,
 * the call and the dial-in text in its description, and the link back into Concerto. `call` is what the
 * policy lets this reader have (null: no call, or not hers to join).
 */
export function concertationEvent(
  meeting: Meeting,
  origin: string,
  call: ConcertationCall | null,
): CalendarEvent {
  const url = `${origin}/concertations/${meeting._id}`;
  const online = meeting.remote ? (call?.url ?? 'En ligne') : null;
  const location = [meeting.place, online].filter(Boolean).join(' / ') || null;
  const description = [
    `Concertation multidisciplinaire. Ordre du jour et participants dans Concerto : ${url}`,
    ...(call?.url ? [`Appel vidéo : ${call.url}`] : []),
    ...(call?.dialIn ? [`Par téléphone : ${call.dialIn}`] : []),
  ].join('\n');
  return {
    uid: String(meeting._id),
    start: meeting.scheduledAt,
    durationMinutes: meeting.durationMinutes,
    summary: 'Concertation (Concerto)',
    location,
    description,
    url,
    cancelled: meeting.status === 'cancelled',
  };
}
