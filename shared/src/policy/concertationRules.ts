/** What decides who may organise a family's next concertation. */
export interface OrganiserFacts {
  actorId: string;
  /** Concertations already held or scheduled (cancelled ones do not count). */
  previousConcertations: number;
  /** The professional who recorded the family's entry point (who first met the family). */
  firstContactId: string | null;
  coordinatorIds: readonly string[];
  /** The family's referent(s): with the coordinator, they organise the later concertations. */
  referentIds?: readonly string[];
  teamIds: readonly string[];
}

/**
 * The first concertation is organised by whoever first met the family (or the coordinator); later ones by
 * the coordinator or the referent (seed 004). When nobody holding those is on the team any more, the first
 * contact, or else any team member, may: a family is never left without a way to meet.
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
  const organisers = [...facts.coordinatorIds, ...(facts.referentIds ?? [])].filter((id) =>
    facts.teamIds.includes(id),
  );
  if (organisers.length > 0) return organisers.includes(facts.actorId);
  return firstContactOnTeam ? facts.actorId === facts.firstContactId : true;
}
