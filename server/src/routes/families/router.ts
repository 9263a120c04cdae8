import { Router } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import {
  CreateFamilyRequestSchema,
  FamilySummarySchema,
  FamilyViewSchema,
  UpdateFamilyRequestSchema,
  can,
  computePhase,
  linkOf,
  listedFamiliesFor,
  nextStepFor,
  professionalIdOf,
  readsAsTeam,
  type FamilySummary,
} from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { createFamily } from '../../commands/familyCreator.ts';
import { endpoint } from '../../http/endpoint.ts';
import { forbidden } from '../../http/errors.ts';
import { recordableFamilyDates } from '../../commands/familyDatesRecorder.ts';
import { saveVersioned } from '../../http/versionedWrite.ts';
import { FamilyModel } from '../../models/family.ts';
import { recordAudit, recordAudits } from '../../policies/audit.ts';
import { loadFamilyFor, openFamily, scopeOf } from '../../policies/familyAccess.ts';
import { familyProjection } from '../../policies/familyRepository.ts';
import { presentFamily } from '../../presenters/familyPresenter.ts';
import { FamilyParams } from './params.ts';

/** "My families", opening a file, reading and editing it. */
export function familiesRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families',
      summary: 'My families: files where I am on the care team (a family member: their own)',
      tags: ['families'],
      response: z.array(FamilySummarySchema),
      authenticated: true,
    },
    async ({ request }) => {
      const auth = requireAuth(request);
      const actor = auth.actor;
      const listed = listedFamiliesFor(actor);
      if (!listed) return [];
      const filter =
        'onTeamOf' in listed
          ? {
              team: mongoose.trusted({
                $elemMatch: { professionalId: new mongoose.Types.ObjectId(listed.onTeamOf), endedAt: null },
              }),
            }
          : { _id: listed.familyId };
      const families = await FamilyModel.find(filter, familyProjection).sort({ updatedAt: -1 }).limit(500);
      const today = new Date();
      const summaries: FamilySummary[] = [];
      for (const family of families) {
        const scope = scopeOf(family);
        const policies = { strata: can(actor, 'family.strata.read', { kind: 'family', family: scope }) };
        const phase = computePhase({ dueDate: family.dueDate, birthDate: family.birthDate }, today);
        const myFunctions = linkOf(actor, scope)?.functions ?? [];
        summaries.push({
          id: String(family._id),
          label: family.label,
          phase: phase?.phase ?? null,
          dayOf1000: phase?.dayOf1000 ?? null,
          ...(policies.strata ? { stratum: family.stratum } : {}),
          nextStep: readsAsTeam(actor, scope)
            ? nextStepFor({
                phase: phase?.phase ?? null,
                stratum: family.stratum,
                screeningRecorded: !!family.screening?.scenario,
                sharingConsentGranted:
                  family.consents.some((consent) => consent.scope === 'teamSharing' && consent.granted) &&
                  scope.sharingWithdrawnMemberIds.length < family.members.length,
                functionsHeld: scope.team.flatMap((membership) => membership.functions),
                concertationHeld: family.services.some((service) => service.service === 'concertation'),
              })
            : null,
          myFunctions: [...myFunctions],
        });
      }
      await recordAudits(
        auth,
        families.map((family) => family._id),
        'read',
        'summary',
        request.id,
      );
      return summaries;
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families',
      summary: 'Open a family file; the creator joins its care team',
      tags: ['families'],
      body: CreateFamilyRequestSchema,
      response: FamilyViewSchema,
      authenticated: true,
    },
    async ({ body, request }) => {
      const auth = requireAuth(request);
      const creatorId = professionalIdOf(auth.actor);
      if (!can(auth.actor, 'family.create', { kind: 'platform' }) || !creatorId) {
        throw forbidden('Only professionals open family files.');
      }
      const family = await createFamily(creatorId, body);
      await recordAudit(auth, family._id, 'write', 'file', request.id);
      const opened = await loadFamilyFor(auth, String(family._id), request.id);
      if (!opened) throw new Error('The creator of a family file must be able to read it.');
      return presentFamily(opened);
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id',
      summary: "A family's file, filtered to what the caller may read, with the caller's policies",
      tags: ['families'],
      params: FamilyParams,
      response: FamilyViewSchema,
      authenticated: true,
    },
    async ({ params, request }) => {
      return presentFamily(await openFamily(request, params.id, { part: 'file', write: false }));
    },
  );

  endpoint(
    router,
    {
      method: 'patch',
      path: '/families/:id',
      summary: "Change a file's label, due date or birth date",
      tags: ['families'],
      params: FamilyParams,
      body: UpdateFamilyRequestSchema,
      response: FamilyViewSchema,
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const opened = await openFamily(request, params.id, {
        part: 'file',
        write: true,
        action: 'family.update',
      });
      const family = opened.family;
      const details = () => [family.label, family.dueDate?.getTime(), family.birthDate?.getTime()];
      const before = details();
      if (body.label !== undefined) family.label = body.label;
      const stored = { dueDate: family.dueDate ?? null, birthDate: family.birthDate ?? null };
      Object.assign(family, recordableFamilyDates(stored, body));
      const after = details();
      const fields = ['label', 'dueDate', 'birthDate'].filter((_, index) => before[index] !== after[index]);
      await saveVersioned(request, family, { what: 'file', by: opened.auth.displayName, fields });
      return presentFamily(opened);
    },
  );

  return router;
}
