import { Router } from 'express';
import { AddTeamMemberRequestSchema, FamilyViewSchema, professionalIdOf } from '@concerto/shared';
import { announceAccessChange } from '../../collab/accessEvents.ts';
import { currentFunctions } from '../../commands/functionAssigner.ts';
import { endpoint } from '../../http/endpoint.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import { UserModel } from '../../models/user.ts';
import { openFamily } from '../../policies/familyAccess.ts';
import { presentFamily } from '../../presenters/familyPresenter.ts';
import { FamilyParams, TeamParams } from './params.ts';

/** The care team: who has a therapeutic link with the family. */
export function teamRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/team',
      summary: 'Add a professional to the care team (creates the therapeutic link)',
      tags: ['families'],
      params: FamilyParams,
      body: AddTeamMemberRequestSchema,
      response: FamilyViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'team',
        write: true,
        action: 'family.team.manage',
      });
      const { auth, family } = opened;
      const professional = await UserModel.findOne({
        _id: body.professionalId,
        kind: 'professional',
        active: true,
      }).lean();
      if (!professional)
        throw new HttpError(400, 'invalid_request', 'No active professional has this id.', [
          { path: 'professionalId', message: 'unknown professional' },
        ]);
      const memberIds = new Set(family.members.map((member) => String(member._id)));
      const unknownMember = body.hiddenFromMemberIds.find((memberId) => !memberIds.has(memberId));
      if (unknownMember)
        throw new HttpError(400, 'invalid_request', 'Hidden from: not a member of this family.', [
          { path: 'hiddenFromMemberIds', message: `unknown member ${unknownMember}` },
        ]);
      const active = family.team.find(
        (membership) => String(membership.professionalId) === body.professionalId && !membership.endedAt,
      );
      if (active) throw new HttpError(409, 'conflict', 'This professional is already on the care team.');
      const adderId = professionalIdOf(auth.actor) ?? '';
      family.team.push({
        professionalId: professional._id,
        // Functions come only through the functions rules (the referent is the family's choice).
        functions: [],
        joinedAt: new Date(),
        addedBy: adderId,
        endedAt: null,
        endedBy: null,
        hiddenFromMemberIds: body.hiddenFromMemberIds,
      });
      await family.save();
      return presentFamily(opened);
    },
  );

  endpoint(
    router,
    {
      method: 'delete',
      path: '/families/:id/team/:professionalId',
      summary: "End a professional's membership: their link ends at once; history keeps it",
      tags: ['families'],
      params: TeamParams,
      status: 204,
      authenticated: true,
    },
    async ({ params, request, response }) => {
      const opened = await openFamily(request, params.id, {
        part: 'team',
        write: true,
        action: 'family.team.manage',
      });
      const { auth, family } = opened;
      const membership = family.team.find(
        (candidate) => String(candidate.professionalId) === params.professionalId && !candidate.endedAt,
      );
      if (!membership) throw notFound('team membership');
      // A function held by someone off the team would stay "current" with nobody doing it.
      const held = (await currentFunctions(family._id)).get(params.professionalId) ?? [];
      if (held.length > 0)
        throw new HttpError(
          409,
          'function_held',
          `This professional holds the ${held.join(', ')} function: end it or hand it over first, then end the membership.`,
          held.map((name) => ({ path: 'functions', message: name })),
        );
      const othersActive = family.team.some((candidate) => candidate !== membership && !candidate.endedAt);
      if (!othersActive)
        throw new HttpError(
          409,
          'conflict',
          'A family file keeps at least one professional on its care team.',
        );
      membership.endedAt = new Date();
      membership.endedBy = professionalIdOf(auth.actor) as never;
      await family.save();
      announceAccessChange({ kind: 'family', familyId: String(family._id) });
      response.status(204).end();
    },
  );

  return router;
}
