import type { AssignFunctionRequestSchema, FunctionAssignmentSchema } from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';
import { familyPath } from './familiesService.ts';

/** One assignment of the referent, coordinator or case manager function, kept in the history forever. */
export type FunctionAssignment = (typeof FunctionAssignmentSchema)['_zod']['output'];
/** Body of `POST /api/families/:id/functions`. */
export type AssignFunctionRequest = (typeof AssignFunctionRequestSchema)['_zod']['input'];
/** Who holds each function now, and the full history. */
export interface FunctionsView {
  current: FunctionAssignment[];
  history: FunctionAssignment[];
}

const functionsPath = (familyId: string) => `${familyPath(familyId)}/functions`;

/** Who holds each function now, and every past assignment. */
export function fetchFunctions(familyId: string): Promise<FunctionsView> {
  return apiRequest<FunctionsView>(functionsPath(familyId));
}

/** Assigns, hands over or ends a function (ending the case management answers null). */
export function assignFunction(
  familyId: string,
  request: AssignFunctionRequest,
): Promise<FunctionAssignment | null> {
  return sendJson<FunctionAssignment | null>('POST', functionsPath(familyId), request);
}

/** The new coordinator acknowledges the hand-over they received. */
export function acknowledgeHandover(familyId: string, assignmentId: string): Promise<FunctionAssignment> {
  return sendJson<FunctionAssignment>(
    'POST',
    `${functionsPath(familyId)}/${encodeURIComponent(assignmentId)}/acknowledgement`,
    undefined,
  );
}
