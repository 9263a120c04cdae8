import { Router } from 'express';
import { z } from 'zod';
import {
  AssignFunctionRequestSchema,
  FunctionAssignmentSchema,
  IdSchema,
  readsAsTeam,
} from '@concerto/shared';
import { announceAccessChange } from '../../collab/accessEvents.ts';
import { acknowledgeHandover, assignFunction } from '../../commands/functionAssigner.ts';
import { endpoint } from '../../http/endpoint.ts';
import { announceToFamilyRooms } from '../../realtime/roomEvents.ts';
import { openFamily } from '../../policies/familyAccess.ts';
import { readFunctionAssignments } from '../../policies/functionAccess.ts';
import { presentAssignments } from '../../presenters/functionPresenter.ts';
import { FamilyParams } from '../families/params.ts';

const AssignmentParams = z.strictObject({ id: IdSchema, assignmentId: IdSchema });
const FunctionsViewSchema = z.object({
  current: z.array(FunctionAssignmentSchema),
  history: z.array(FunctionAssignmentSchema),
});

/** Referent, coordinator and case manager: assignments, hand-overs and their full history. */
export function functionsRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/functions',
      summary: 'Who holds each function now, and the full history',
      tags: ['functions'],
      params: FamilyParams,
      response: FunctionsViewSchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const { auth, family, scope } = await openFamily(request, params.id, {
        part: 'functions',
        write: false,
        action: 'family.functions.read',
      });
      const history = await presentAssignments(
        await readFunctionAssignments(auth.actor, family),
        !readsAsTeam(auth.actor, scope),
      );
      return { current: history.filter((assignment) => !assignment.endedAt), history };
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/functions',
      summary:
        'Assign a function: the referent chosen by the family, the coordinator (with hand-over), the case manager (with reason)',
      tags: ['functions'],
      params: FamilyParams,
      body: AssignFunctionRequestSchema,
      response: FunctionAssignmentSchema.nullable(),
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const action = body.function === 'referent' ? 'family.referent.choose' : 'family.functions.assign';
      const { auth, family, scope } = await openFamily(request, params.id, {
        part: 'functions',
        write: true,
        action,
      });
      const assignment = await assignFunction(family, auth, body);
      // Functions change who may read the audit trail: open connections are re-checked.
      announceAccessChange({ kind: 'family', familyId: String(family._id) });
      await announceToFamilyRooms(String(family._id), 'functions');
      return assignment
        ? (await presentAssignments([assignment.toObject()], !readsAsTeam(auth.actor, scope)))[0]
        : null;
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/functions/:assignmentId/acknowledgement',
      summary: 'The new coordinator acknowledges the hand-over',
      tags: ['functions'],
      params: AssignmentParams,
      response: FunctionAssignmentSchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      const { auth, family } = await openFamily(request, params.id, {
        part: 'functions',
        write: true,
        action: 'family.functions.assign',
      });
      const assignment = await acknowledgeHandover(family, auth, params.assignmentId);
      await announceToFamilyRooms(String(family._id), 'functions');
      return (await presentAssignments([assignment.toObject()]))[0];
    },
  );

  return router;
}
