import { useI18n } from 'vue-i18n';

// Belgian conventions for French and Dutch; British English keeps day-month order.
const intlLocales: Record<string, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/** Dates and times in the interface language. */
export function useFormat() {
  const { locale } = useI18n();
  const intlLocale = () => intlLocales[locale.value] ?? locale.value;

  /** A calendar date (`YYYY-MM-DD`), shown without any time-zone shift. */
  function formatDate(calendarDate: string | null | undefined): string {
    if (!calendarDate) return '';
    const date = new Date(`${calendarDate.slice(0, 10)}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) return calendarDate;
    return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }

  /** A moment, as date and time in the user's time zone. */
  function formatDateTime(timestamp: string): string {
    const date = new Date(timestamp);
    if (Number.isNaN(date.getTime())) return timestamp;
    return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  /** The day of a moment, in the user's time zone. */
  function formatDay(timestamp: string): string {
    const date = new Date(timestamp);
    if (Number.isNaN(date.getTime())) return timestamp;
    return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'long' }).format(date);
  }

  /** The name of a language code (`ar` -> "arabe") in the interface language. */
  function languageName(code: string): string {
    try {
      return new Intl.DisplayNames([intlLocale()], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  }

  return { formatDate, formatDateTime, formatDay, languageName };
}
