import mongoose from 'mongoose';
import { planOwnerOf, spaceAccessFor, type PlanAction } from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import { FamilyModel } from '../models/family.ts';
import { PlanActionModel } from '../models/planAction.ts';
import { SpaceModel } from '../models/space.ts';
import { recordAudits } from '../policies/audit.ts';
import { familyProjection } from '../policies/familyRepository.ts';
import { audienceOf, spaceFamilyScopeOf } from '../policies/spaceAccess.ts';

/** An open action of a shared plan, with where it lives. */
export type MyAction = PlanAction & {
  familyId: string;
  familyLabel: string;
  spaceId: string;
  needText: string | null;
};

/**
 * Open plan actions the caller carries, read from the projection (no document is opened). The projection
 * is derived data: each plan must still be one the caller may open today. Audited when `requestId` is given.
 */
export async function myOpenActions(auth: AuthContext, requestId: unknown): Promise<MyAction[]> {
  const actor = auth.actor;
  const owner = planOwnerOf(actor);
  if (!owner) return [];
  const projected = await PlanActionModel.find({
    ...owner,
    status: mongoose.trusted({ $in: ['todo', 'inProgress'] }),
  })
    .sort({ dueDate: 1 })
    .limit(500)
    .lean();
  const spaces = await SpaceModel.find({
    _id: mongoose.trusted({ $in: [...new Set(projected.map((action) => String(action.spaceId)))] }),
  }).lean();
  const families = await FamilyModel.find(
    { _id: mongoose.trusted({ $in: spaces.map((space) => space.familyId) }) },
    familyProjection,
  );
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
  if (requestId !== null) {
    const familyIds = [...new Set(visible.map((action) => String(action.familyId)))].map(
      (id) => new mongoose.Types.ObjectId(id),
    );
    await recordAudits(auth, familyIds, 'read', 'plan', requestId);
  }
  return visible.map((action) => ({
    id: action.actionId,
    what: action.what,
    owner: action.ownerKind
      ? { kind: action.ownerKind, id: action.ownerId ?? null, name: action.ownerName ?? '' }
      : null,
    dueDate: action.dueDate ?? null,
    status: action.status,
    needId: action.needId ?? null,
    priority: action.priority ?? null,
    answers: action.answers ?? [],
    templateKey: action.templateKey ?? null,
    needText: action.needText ?? null,
    familyId: String(action.familyId),
    familyLabel: readable.get(String(action.spaceId)) ?? '',
    spaceId: String(action.spaceId),
  }));
}
