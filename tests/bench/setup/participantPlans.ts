import type { ParticipantPlan } from '../workload/workerMessages.ts';

/** `participants` people on each space, space after space, with the websocket parameters of each space. */
export function planParticipants(
  spaceIds: readonly string[],
  participants: number,
  paramsOf: (spaceId: string) => Record<string, string> = () => ({}),
): ParticipantPlan[] {
  return spaceIds.flatMap((spaceId) =>
    Array.from({ length: participants }, () => ({ spaceId, params: paramsOf(spaceId) })),
  );
}
