/** A date (`YYYY-MM-DD`) and a time (`HH:MM`) typed in the user's time zone, as an ISO moment; '' if invalid. */
export function toIsoMoment(date: string, time: string): string {
  const moment = new Date(`${date}T${time || '00:00'}`);
  return date && !Number.isNaN(moment.getTime()) ? moment.toISOString() : '';
}

/** An ISO moment as the date and time fields show it in the user's time zone. */
export function toLocalFields(iso: string | null): { date: string; time: string } {
  if (!iso) return { date: '', time: '' };
  const moment = new Date(iso);
  const local = new Date(moment.getTime() - moment.getTimezoneOffset() * 60_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/** The date `days` from now, as a date field shows it. */
export function localDateIn(days: number): string {
  return toLocalFields(new Date(Date.now() + days * 86_400_000).toISOString()).date;
}
