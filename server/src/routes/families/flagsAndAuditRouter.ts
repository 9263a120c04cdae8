import { Router } from 'express';
import { z } from 'zod';
import {
  AuditEntrySchema,
  FlagSchema,
  RaiseFlagRequestSchema,
  can,
  indicatorCategories,
  type IndicatorKey,
  professionalIdOf,
} from '@concerto/shared';
import { endpoint } from '../../http/endpoint.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import { FlagModel } from '../../models/flag.ts';
import { readAuditTrail } from '../../policies/auditReads.ts';
import { openFamily } from '../../policies/familyAccess.ts';
import { loadPeople, personRef } from '../../presenters/people.ts';
import { FamilyParams } from './params.ts';

/** Suspicion flags (raised by anyone on the team, read by Role A only) and the audit trail. */
export function flagsAndAuditRouter(): Router {
  const router = Router();

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/flags',
      summary: 'Suspicion flags (Role A members of the care team only)',
      tags: ['families'],
      params: FamilyParams,
      response: z.array(FlagSchema),
      authenticated: true,
    },
    async ({ params, request }) => {
      const { auth, family, scope } = await openFamily(request, params.id, { part: 'flags', write: false });
      // Flags are not readable by anyone else: answered as if there were nothing here.
      if (!can(auth.actor, 'family.flags.read', { kind: 'family', family: scope })) throw notFound('flags');
      const flags = await FlagModel.find({ familyId: family._id }).sort({ raisedAt: -1 }).lean();
      const people = await loadPeople(flags.map((flag) => flag.raisedBy));
      return flags.map((flag) => ({
        id: String(flag._id),
        indicatorKey: flag.indicatorKey,
        note: flag.note,
        raisedBy: personRef(people, flag.raisedBy),
        raisedAt: flag.raisedAt.toISOString(),
      }));
    },
  );

  endpoint(
    router,
    {
      method: 'post',
      path: '/families/:id/flags',
      summary: 'Raise a suspicion about a sensitive indicator (readable by Role A only)',
      tags: ['families'],
      params: FamilyParams,
      body: RaiseFlagRequestSchema,
      response: z.object({ id: z.string(), raisedAt: z.string() }),
      authenticated: true,
    },
    async ({ params, body, request }) => {
      const { auth, family } = await openFamily(request, params.id, {
        part: 'flags',
        write: true,
        action: 'family.flags.raise',
      });
      if (indicatorCategories[body.indicatorKey as IndicatorKey] !== 'medical') {
        throw new HttpError(
          400,
          'invalid_request',
          'Flags are for sensitive (medical) indicators; record social ones directly.',
          [{ path: 'indicatorKey', message: 'not a sensitive indicator' }],
        );
      }
      const flag = await FlagModel.create({
        familyId: family._id,
        indicatorKey: body.indicatorKey,
        note: body.note,
        raisedBy: professionalIdOf(auth.actor) ?? undefined,
        raisedAt: new Date(),
      });
      // The author gets an acknowledgement, not the content back: Role B cannot read flags.
      return { id: String(flag._id), raisedAt: flag.raisedAt.toISOString() };
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/families/:id/audit',
      summary:
        'Who opened or changed the file, and when: the whole trail for the coordinator and the referent; for a member, what concerns her and was shared with her',
      tags: ['families'],
      params: FamilyParams,
      response: z.array(AuditEntrySchema),
      authenticated: true,
    },
    async ({ params, request }) => {
      const { auth, family } = await openFamily(request, params.id, {
        part: 'audit',
        write: false,
        action: 'family.audit.read',
      });
      const entries = await readAuditTrail(auth.actor, family);
      return entries.map((entry) => ({
        id: entry.id,
        at: entry.at.toISOString(),
        actor: { kind: entry.actorKind, displayName: entry.actorName, detail: entry.actorDetail },
        access: entry.access,
        part: entry.part,
        space: entry.space,
        own: entry.own,
      }));
    },
  );

  return router;
}
