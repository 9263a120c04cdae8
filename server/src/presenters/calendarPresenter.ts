/** One event of an iCalendar file. */
export interface CalendarEvent {
  uid: string;
  start: Date;
  durationMinutes: number;
  summary: string;
  location: string | null;
  description: string;
  url: string;
  cancelled?: boolean;
}

function icsDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Escapes text as RFC 5545 requires, and folds long lines at 75 octets. */
function property(name: string, value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
  return foldLine(`${name}:${escaped}`);
}

/**
 * Folds a content line as RFC 5545 §3.1 asks: at most 75 octets per line, continuation lines start with a
 * space, and a cut never falls inside a character (an emoji is 4 octets and 2 UTF-16 units).
 */
export function foldLine(line: string): string {
  const chunks: string[] = [];
  let chunk = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character);
    if (octets + size > 75) {
      chunks.push(chunk);
      chunk = ' ';
      octets = 1;
    }
    chunk += character;
    octets += size;
  }
  chunks.push(chunk);
  return chunks.join('\r\n');
}

/**
 * An iCalendar file for calendar applications. Calendars are synced to outside services, so events carry
 * no family name and no content: a neutral title and the link back into Concerto.
 */
export function toIcs(events: CalendarEvent[], now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Concerto//Concertation//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  for (const event of events) {
    const end = new Date(event.start.getTime() + event.durationMinutes * 60_000);
    lines.push(
      'BEGIN:VEVENT',
      property('UID', `${event.uid}@concerto`),
      `DTSTAMP:${icsDate(now)}`,
      `DTSTART:${icsDate(event.start)}`,
      `DTEND:${icsDate(end)}`,
      property('SUMMARY', event.summary),
      ...(event.location ? [property('LOCATION', event.location)] : []),
      property('DESCRIPTION', event.description),
      property('URL', event.url),
      `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n') + '\r\n';
}
