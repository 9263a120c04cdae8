import { Router } from 'express';
import { z } from 'zod';
import {
  CreateSpaceRequestSchema,
  IdSchema,
  SpaceViewSchema,
  UpdateSpaceRequestSchema,
  can,
  professionalIdOf,
  readsAsTeam,
  spaceAccessFor,
  type SpaceAccess,
  type SpaceAudience,
  type SpaceFamilyScope,
  type SpaceView,
} from '@concerto/shared';
import { announceAccessChange } from '../../collab/accessEvents.ts';
import { provisionDefaultSpaces } from '../../commands/spaceProvisioner.ts';
import { endpoint } from '../../http/endpoint.ts';
import { HttpError, forbidden, notFound } from '../../http/errors.ts';
import { saveVersioned } from '../../http/versionedWrite.ts';
import { versionOf } from '../../http/versions.ts';
import { SpaceModel, type SpaceDocument } from '../../models/space.ts';
import { openFamily, type OpenedFamily } from '../../policies/familyAccess.ts';
import { audienceOf, spaceFamilyScopeOf, visibleSpaces } from '../../policies/spaceAccess.ts';
import { FamilyParams } from '../families/params.ts';

const SpaceParams = z.strictObject({ id: IdSchema, spaceId: IdSchema });
type Family = Awaited<ReturnType<typeof openFamily>>['family'];

function presentSpace(
  space: SpaceDocument,
  opened: OpenedFamily,
  familyScope: SpaceFamilyScope,
  myAccess: SpaceAccess = spaceAccessFor(
    opened.actor,
    { kind: space.kind, audience: audienceOf(space) },
    familyScope,
  ),
): SpaceView {
  const audience = audienceOf(space);
  return {
    id: String(space._id),
    familyId: String(space.familyId),
    kind: space.kind,
    title: space.title,
    // Only the team sees a space's audience; a member sees her own access.
    ...(readsAsTeam(opened.actor, opened.scope) ? { audience } : {}),
    myAccess,
    version: versionOf(space.lastChange),
    canEditAudience: can(opened.actor, 'space.audience.edit', {
      kind: 'space',
      family: familyScope,
      space: { kind: space.kind, audience },
    }),
  };
}

function assertAudience(family: Family, audience: SpaceAudience, kind: string): void {
  const members = new Set(family.members.map((member) => String(member._id)));
  const team = new Set(
    family.team
      .filter((membership) => !membership.endedAt)
      .map((membership) => String(membership.professionalId)),
  );
  const problems: { path: string; message: string }[] = [];
  audience.members.forEach(
    (entry, index) =>
      !members.has(entry.memberId) &&
      problems.push({ path: `audience.members.${index}.memberId`, message: 'not a member of this family' }),
  );
  audience.professionalIds.forEach(
    (id, index) =>
      !team.has(id) &&
      problems.push({ path: `audience.professionalIds.${index}`, message: 'not on the care team' }),
  );
  if ((kind === 'teamNotes' || kind === 'health') && audience.members.length > 0) {
    problems.push({ path: 'audience.members', message: `the ${kind} space is for professionals only` });
  }
  if (problems.length)
    throw new HttpError(
      400,
      'invalid_request',
      `Invalid audience: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`,
      problems,
    );
}

/** Spaces of a family file: one Yjs document each, with its audience. */
export function spacesRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/spaces',
      summary: 'The spaces the caller may open in this family file, with their access',
      tags: ['spaces'],
      params: FamilyParams,
      response: z.array(SpaceViewSchema),
      authenticated: true,
    },
    async ({ params, request }) => {
      const opened = await openFamily(request, params.id, { part: 'spaces', write: false });
      await provisionDefaultSpaces(opened.family._id, null);
      const familyScope = await spaceFamilyScopeOf(opened.family);
      // Spaces the caller cannot open are not listed at all: their titles may already say too much.
      return (await visibleSpaces(opened)).map(({ space, access }) =>
        presentSpace(space, opened, familyScope, access),
      );
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/spaces',
      summary: 'Create a space for a precise audience',
      tags: ['spaces'],
      params: FamilyParams,
      body: CreateSpaceRequestSchema,
      response: SpaceViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'spaces',
        write: true,
        action: 'family.spaces.manage',
      });
      const { auth, family } = opened;
      assertAudience(family, body.audience, 'custom');
      const space = await SpaceModel.create({
        familyId: family._id,
        kind: 'custom',
        title: body.title,
        audience: body.audience,
        createdBy: professionalIdOf(auth.actor),
      });
      return presentSpace(space.toObject(), opened, await spaceFamilyScopeOf(family));
    },
  );

  endpoint(
    router,
    {
      method: 'patch',
      path: '/families/:id/spaces/:spaceId',
      summary:
        "Change a space's title or audience, as the caller saw it (If-Match: its version); takes effect at once on open connections",
      tags: ['spaces'],
      params: SpaceParams,
      body: UpdateSpaceRequestSchema,
      response: SpaceViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, { part: 'spaces', write: true });
      const family = opened.family;
      const familyScope = await spaceFamilyScopeOf(family);
      const space = await SpaceModel.findOne({ _id: params.spaceId, familyId: family._id });
      if (!space) throw notFound('space');
      const view = presentSpace(space.toObject(), opened, familyScope);
      if (view.myAccess === 'none') throw notFound('space');
      if (!view.canEditAudience)
        throw forbidden('Only professionals who can edit this space change its audience.');
      if (body.audience) {
        assertAudience(family, body.audience, space.kind);
        space.set('audience', body.audience);
      }
      if (body.title) space.title = body.title;
      await saveVersioned(request, space, {
        what: 'space',
        by: opened.auth.displayName,
        fields: Object.keys(body),
      });
      announceAccessChange({ kind: 'space', spaceId: String(space._id) });
      return presentSpace(space.toObject(), opened, familyScope);
    },
  );

  return router;
}
