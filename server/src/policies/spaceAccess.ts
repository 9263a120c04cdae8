import {
  exportSectionsFor,
  isCanonicalId,
  networkNotesAccessFor,
  spaceAccessFor,
  type Actor,
  type ExportSections,
  type SpaceAccess,
  type SpaceKind,
} from '@concerto/shared';
import { FamilyModel } from '../models/family.ts';
import { NetworkMeetingModel } from '../models/networkMeeting.ts';
import { SpaceModel } from '../models/space.ts';
import type { FamilyRepository } from './familyRepository.ts';
import { familyProjection } from './familyRepository.ts';
import { audienceOf, spaceFamilyScopeOf } from './familyScope.ts';

export { audienceOf, spaceFamilyScopeOf } from './familyScope.ts';

/** The caller's access to the family's shared plan ('none' when the family has none). */
export async function sharedPlanAccess(opened: FamilyRepository): Promise<SpaceAccess> {
  const plan = await SpaceModel.findOne({ familyId: opened.family._id, kind: 'sharedPlan' }).lean();
  if (!plan) return 'none';
  return spaceAccessFor(
    opened.actor,
    { kind: plan.kind, audience: audienceOf(plan) },
    await spaceFamilyScopeOf(opened.family),
  );
}

/** What of the minutes and exports this caller receives (the policy decides, given her plan access). */
export async function minutesSectionsFor(opened: FamilyRepository): Promise<ExportSections> {
  return exportSectionsFor(opened.actor, opened.scope, await sharedPlanAccess(opened));
}

/**
 * The caller's access to a space, reading everything fresh from the database; 'none' if anything is
 * missing, and for any spelling of the id but the canonical one (no second copy of a document).
 */
export async function resolveSpaceAccess(
  actor: Actor,
  spaceId: string,
): Promise<{ access: SpaceAccess; familyId: string | null; kind?: SpaceKind }> {
  if (!isCanonicalId(spaceId)) return { access: 'none', familyId: null };
  const space = await SpaceModel.findById(spaceId).lean();
  if (!space) return { access: 'none', familyId: null };
  if (space.kind === 'networkNotes') {
    const meeting = space.networkMeetingId
      ? await NetworkMeetingModel.findById(space.networkMeetingId, {
          memberOrganisationIds: 1,
          organiserId: 1,
          status: 1,
        }).lean()
      : null;
    const access = meeting
      ? networkNotesAccessFor(actor, {
          organiserId: String(meeting.organiserId),
          memberOrganisationIds: meeting.memberOrganisationIds.map(String),
          published: meeting.status === 'published',
        })
      : 'none';
    return { access, familyId: null, kind: space.kind };
  }
  const family = await FamilyModel.findById(space.familyId, familyProjection);
  if (!family) return { access: 'none', familyId: null };
  const familyScope = await spaceFamilyScopeOf(family);
  return {
    access: spaceAccessFor(actor, { kind: space.kind, audience: audienceOf(space) }, familyScope),
    familyId: String(family._id),
    kind: space.kind,
  };
}

/** The family's spaces the caller may open, each with her access; the others are never listed. */
export async function visibleSpaces(opened: FamilyRepository) {
  const familyScope = await spaceFamilyScopeOf(opened.family);
  const spaces = await SpaceModel.find({ familyId: opened.family._id }).sort({ createdAt: 1 }).lean();
  return spaces
    .map((space) => ({
      space,
      access: spaceAccessFor(opened.actor, { kind: space.kind, audience: audienceOf(space) }, familyScope),
    }))
    .filter(({ access }) => access !== 'none');
}
