/** Today's calendar day in Brussels (YYYY-MM-DD), the day the programme's deadlines are counted in. */
export function brusselsDay(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(now);
}

/**
 * Whether a proposal open for positions must still wait before it is recorded: someone asked has not
 * answered and the day given for positions has not passed (Loomio's "closing date").
 */
export function awaitsPositions(
  decision: { positionsDueBy: string | null; awaitingCount: number },
  today: string,
): boolean {
  return decision.positionsDueBy !== null && decision.awaitingCount > 0 && today <= decision.positionsDueBy;
}
