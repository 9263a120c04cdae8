/** What decides who may organise a family's next concertation. */
export interface OrganiserFacts {
  actorId: string;
  /** Concertations already held or scheduled (cancelled ones do not count). */
  previousConcertations: number;
  /** The professional who recorded the family's entry point (who first met the family). */
  firstContactId: string | null;
  coordinatorIds: readonly string[];
  teamIds: readonly string[];
}

/**
 * The first concertation is organised by whoever first met the family; later ones by the coordinator
 * (seed 004). When that person is no longer on the team (or no coordinator is named yet), any team
 * member may, so a family is never left without a way to meet.
 */
export function mayOrganiseConcertation(facts: OrganiserFacts): boolean {
  if (!facts.teamIds.includes(facts.actorId)) return false;
  const activeCoordinators = facts.coordinatorIds.filter((id) => facts.teamIds.includes(id));
  const firstContactOnTeam = !!facts.firstContactId && facts.teamIds.includes(facts.firstContactId);
  if (facts.previousConcertations === 0) {
    if (firstContactOnTeam)
      return facts.actorId === facts.firstContactId || activeCoordinators.includes(facts.actorId);
    return true;
  }
  if (activeCoordinators.length > 0) return activeCoordinators.includes(facts.actorId);
  return firstContactOnTeam ? facts.actorId === facts.firstContactId : true;
}
