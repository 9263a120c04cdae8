import { useI18n } from 'vue-i18n';

const intlLocales: Record<string, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/** How meetings are written in the interface language: "mardi 6 octobre 2026, 14:00 – 15:00". */
export function useMeetingFormat() {
  const { locale } = useI18n();
  const intlLocale = () => intlLocales[locale.value] ?? locale.value;

  /** The day and start time, with the end time when a duration is given. */
  function formatMeeting(start: string, durationMinutes?: number): string {
    const begins = new Date(start);
    if (Number.isNaN(begins.getTime())) return start;
    const day = new Intl.DateTimeFormat(intlLocale(), {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(begins);
    const time = new Intl.DateTimeFormat(intlLocale(), { hour: '2-digit', minute: '2-digit' });
    const span = durationMinutes
      ? `${time.format(begins)} – ${time.format(new Date(begins.getTime() + durationMinutes * 60_000))}`
      : time.format(begins);
    return `${day}, ${span}`;
  }

  /** A short day and time, for lists and histories. */
  function formatShort(timestamp: string): string {
    const date = new Date(timestamp);
    if (Number.isNaN(date.getTime())) return timestamp;
    return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  return { formatMeeting, formatShort };
}
