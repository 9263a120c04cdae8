/**
 * For each space, the state vector all its participants reached, or null when they disagree (a
 * participant missed edits). Input: each participant's space and state vector.
 */
export function convergedStates(
  stateVectors: readonly (readonly [string, string])[],
): Map<string, string | null> {
  const states = new Map<string, string | null>();
  for (const [spaceId, stateVector] of stateVectors) {
    const known = states.get(spaceId);
    states.set(spaceId, known === undefined || known === stateVector ? stateVector : null);
  }
  return states;
}

/** How many spaces converged, out of how many. */
export function countConverged(states: ReadonlyMap<string, string | null>): {
  converged: number;
  total: number;
} {
  let converged = 0;
  for (const state of states.values()) if (state !== null) converged += 1;
  return { converged, total: states.size };
}
