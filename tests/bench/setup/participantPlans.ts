import type { ParticipantPlan } from '../workload/workerMessages.ts';

/**
 * `participants` people on each space, space after space, with the websocket parameters of each space;
 * a space's participants are dealt round-robin over the instances' URLs (all on one when there is one).
 */
export function planParticipants(
  spaceIds: readonly string[],
  participants: number,
  serverUrls: readonly string[],
  paramsOf: (spaceId: string) => Record<string, string> = () => ({}),
): ParticipantPlan[] {
  return spaceIds.flatMap((spaceId) =>
    Array.from({ length: participants }, (_value, index) => {
      const instance = index % serverUrls.length;
      return { spaceId, serverUrl: serverUrls[instance] ?? '', instance, params: paramsOf(spaceId) };
    }),
  );
}
