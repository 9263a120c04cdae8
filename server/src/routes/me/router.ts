import { Router } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import { PlanActionSchema, spaceAccessFor } from '@concerto/shared';
import { requireAuth } from '../../auth/authenticate.ts';
import { endpoint } from '../../http/endpoint.ts';
import { FamilyModel } from '../../models/family.ts';
import { PlanActionModel } from '../../models/planAction.ts';
import { SpaceModel } from '../../models/space.ts';
import { recordAudits } from '../../policies/audit.ts';
import { audienceOf, spaceFamilyScopeOf } from '../../policies/spaceAccess.ts';

const MyActionSchema = PlanActionSchema.extend({
  familyId: z.string(),
  familyLabel: z.string(),
  spaceId: z.string(),
});

/** `GET /api/me/actions`: open plan actions I carry, across families, read from the plan projection. */
export function meRouter(): Router {
  const router = Router();
  endpoint(
    router,
    {
      method: 'get',
      path: '/me/actions',
      summary: 'Open actions of shared plans that I carry, across families',
      tags: ['auth'],
      response: z.array(MyActionSchema),
      authenticated: true,
    },
    async ({ request }) => {
      const auth = requireAuth(request);
      const actor = auth.actor;
      if (actor.kind === 'admin') return [];
      const owner =
        actor.kind === 'professional'
          ? { ownerKind: 'professional' as const, ownerId: actor.userId }
          : { ownerKind: 'member' as const, ownerId: actor.memberId };
      const projected = await PlanActionModel.find({
        ...owner,
        status: mongoose.trusted({ $in: ['todo', 'inProgress'] }),
      })
        .sort({ dueDate: 1 })
        .limit(500)
        .lean();
      // The projection is derived data: the caller must still be able to open each plan today.
      const spaces = await SpaceModel.find({
        _id: mongoose.trusted({ $in: [...new Set(projected.map((action) => String(action.spaceId)))] }),
      }).lean();
      const families = await FamilyModel.find({
        _id: mongoose.trusted({ $in: spaces.map((space) => space.familyId) }),
      });
      const readable = new Map<string, string>();
      for (const space of spaces) {
        const family = families.find((candidate) => candidate._id.equals(space.familyId));
        if (!family) continue;
        const access = spaceAccessFor(
          actor,
          { kind: space.kind, audience: audienceOf(space) },
          await spaceFamilyScopeOf(family),
        );
        if (access !== 'none') readable.set(String(space._id), family.label);
      }
      const visible = projected.filter((action) => readable.has(String(action.spaceId)));
      await recordAudits(
        auth,
        [...new Set(visible.map((action) => String(action.familyId)))].map(
          (id) => new mongoose.Types.ObjectId(id),
        ),
        'read',
        'plan',
        request.id,
      );
      return visible.map((action) => ({
        id: action.actionId,
        what: action.what,
        owner: action.ownerKind
          ? { kind: action.ownerKind, id: action.ownerId ?? null, name: action.ownerName ?? '' }
          : null,
        dueDate: action.dueDate ?? null,
        status: action.status,
        needId: null,
        familyId: String(action.familyId),
        familyLabel: readable.get(String(action.spaceId)) ?? '',
        spaceId: String(action.spaceId),
      }));
    },
  );
  return router;
}
