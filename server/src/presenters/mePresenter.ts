import type { Me } from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import { FamilyModel } from '../models/family.ts';
import { OrganisationModel } from '../models/organisation.ts';
import { UserModel } from '../models/user.ts';

/** The signed-in user as `GET /api/me` shows them. */
export async function presentMe(auth: AuthContext): Promise<Me> {
  const actor = auth.actor;
  if (actor.kind === 'familyMember') {
    const family = await FamilyModel.findOne({ _id: actor.familyId }, { label: 1, members: 1 }).lean();
    const member = family?.members?.find((entry) => String(entry._id) === actor.memberId);
    return {
      kind: 'familyMember',
      id: actor.memberId,
      displayName: auth.displayName,
      family: { id: actor.familyId, label: family?.label ?? '' },
      ...(member?.preferredLanguage ? { preferredLanguage: member.preferredLanguage } : {}),
      canCreateOrganisations: false,
      canCreateFamilies: false,
    };
  }
  const user = await UserModel.findById(actor.userId).lean();
  const organisation = user?.organisationId
    ? await OrganisationModel.findById(user.organisationId, { name: 1 }).lean()
    : null;
  return {
    kind: actor.kind,
    id: actor.userId,
    displayName: auth.displayName,
    email: user?.email ?? '',
    ...(user?.profession ? { profession: user.profession } : {}),
    ...(actor.kind === 'professional'
      ? { healthRole: actor.healthRole, accessManager: actor.accessManager }
      : {}),
    ...(organisation ? { organisation: { id: String(organisation._id), name: organisation.name } } : {}),
    canCreateOrganisations: actor.kind === 'admin',
    canCreateFamilies: actor.kind === 'professional',
  };
}
