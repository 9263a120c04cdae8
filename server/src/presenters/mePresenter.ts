import { asFamilyMember, asGuest, can, standingOf, userIdOf, type Me } from '@concerto/shared';
import { GuestPassModel } from '../models/guestPass.ts';
import { countPasskeys } from '../auth/passkeyOwners.ts';
import type { AuthContext } from '../auth/sessions.ts';
import { FamilyModel } from '../models/family.ts';
import { OrganisationModel } from '../models/organisation.ts';
import { UserModel } from '../models/user.ts';

/** The signed-in user as `GET /api/me` shows them; `passkeysOffered` when the site is configured for them. */
export async function presentMe(auth: AuthContext, passkeysOffered: boolean): Promise<Me> {
  const actor = auth.actor;
  const guest = asGuest(actor);
  if (guest) {
    const pass = await GuestPassModel.findById(guest.guestId, { language: 1 }).lean();
    return {
      kind: 'guest',
      id: guest.guestId,
      displayName: auth.displayName,
      meeting: { id: guest.concertationId, language: pass?.language ?? '' },
      canCreateOrganisations: false,
      canCreateFamilies: false,
      passkeys: { offered: false, registered: 0 },
    };
  }
  const passkeys = { offered: passkeysOffered, registered: passkeysOffered ? await countPasskeys(auth) : 0 };
  const member = asFamilyMember(actor);
  if (member) {
    const family = await FamilyModel.findOne({ _id: member.familyId }, { label: 1, members: 1 }).lean();
    const record = family?.members?.find((entry) => String(entry._id) === member.memberId);
    return {
      kind: 'familyMember',
      id: member.memberId,
      displayName: auth.displayName,
      family: { id: member.familyId, label: family?.label ?? '' },
      ...(record?.preferredLanguage ? { preferredLanguage: record.preferredLanguage } : {}),
      canCreateOrganisations: false,
      canCreateFamilies: false,
      passkeys,
    };
  }
  const userId = userIdOf(actor) ?? '';
  const user = await UserModel.findById(userId).lean();
  const organisation = user?.organisationId
    ? await OrganisationModel.findById(user.organisationId, { name: 1, secondFactorRequired: 1 }).lean()
    : null;
  const standing = standingOf(actor);
  return {
    kind: standing ? 'professional' : 'admin',
    id: userId,
    displayName: auth.displayName,
    email: user?.email ?? '',
    ...(user?.profession ? { profession: user.profession } : {}),
    ...(standing ?? {}),
    ...(organisation ? { organisation: { id: String(organisation._id), name: organisation.name } } : {}),
    canCreateOrganisations: can(actor, 'organisation.create', { kind: 'platform' }),
    canCreateFamilies: can(actor, 'family.create', { kind: 'platform' }),
    secondFactor: {
      enabled: Boolean(user?.secondFactor?.enabledAt),
      required: organisation?.secondFactorRequired === true,
      recoveryCodesLeft: user?.secondFactor?.recoveryCodeHashes?.length ?? 0,
    },
    passkeys,
  };
}
