/** A duration in minutes as people say it: "45 min", "1 h 30", "2 h". */
export function minutesLabel(
  t: (key: string, values: Record<string, unknown>) => string,
  minutes: number,
): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('contacts.minutes', { minutes });
  return rest
    ? t('contacts.hoursMinutes', { hours, minutes: String(rest).padStart(2, '0') })
    : t('contacts.hours', { hours });
}
