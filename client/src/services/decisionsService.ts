import type {
  AmendDecisionRequestSchema,
  DecisionView,
  GivePositionRequestSchema,
  ProposeDecisionRequestSchema,
} from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** Body of `POST /api/families/:id/decisions`. */
export type ProposeDecisionRequest = (typeof ProposeDecisionRequestSchema)['_zod']['input'];
/** Body of `POST /api/decisions/:id/positions`. */
export type GivePositionRequest = (typeof GivePositionRequestSchema)['_zod']['input'];
/** Body of `POST /api/decisions/:id/amendments`. */
export type AmendDecisionRequest = (typeof AmendDecisionRequestSchema)['_zod']['input'];
/** Who carries a decision. */
export type DecisionOwner = NonNullable<DecisionView['owner']>;

const decisionPath = (decisionId: string) => `/decisions/${encodeURIComponent(decisionId)}`;

/** The family's decisions the caller may see (newest first), with positions and amendments. */
export function listDecisions(familyId: string): Promise<DecisionView[]> {
  return apiRequest<DecisionView[]>(`${familyPath(familyId)}/decisions`);
}

/** Proposes a decision; members invited to the meeting are then asked for their position. */
export function proposeDecision(familyId: string, request: ProposeDecisionRequest): Promise<DecisionView> {
  return sendJson<DecisionView>('POST', `${familyPath(familyId)}/decisions`, request);
}

/** A family member gives her position in her own words. */
export function givePosition(decisionId: string, request: GivePositionRequest): Promise<DecisionView> {
  return sendJson<DecisionView>('POST', `${decisionPath(decisionId)}/positions`, request);
}

/** Records a proposed decision: from then on it never changes. */
export function recordDecision(decisionId: string): Promise<DecisionView> {
  return sendJson<DecisionView>('POST', `${decisionPath(decisionId)}/record`);
}

/** Corrects a recorded decision with a new one that amends it (both are kept and linked). */
export function amendDecision(decisionId: string, request: AmendDecisionRequest): Promise<DecisionView> {
  return sendJson<DecisionView>('POST', `${decisionPath(decisionId)}/amendments`, request);
}
