import type { FamilyView, SpaceAudience } from '@concerto/shared';
import type { ActionOwner } from '../../collab/planModel.ts';

/** One choice of who carries an action, as the owner picker lists it. */
export interface OwnerChoice {
  /** `kind:id`, the value of the picker's option. */
  value: string;
  owner: ActionOwner;
}

/** The picker value of an owner (`professional:<id>`, `member:<id>`, `family:`). */
export function ownerValue(owner: ActionOwner | null): string {
  return owner ? `${owner.kind}:${owner.id ?? ''}` : '';
}

/**
 * Who may carry an action: the team's current professionals, each family member, or "the family"
 * itself. `familyName` is the stored name of the last choice (shown translated anyway).
 */
export function ownerChoices(view: FamilyView | null, familyName: string) {
  const professionals: OwnerChoice[] = (view?.team ?? [])
    .filter((membership) => !membership.endedAt)
    .map((membership) => ({
      value: `professional:${membership.professionalId}`,
      owner: { kind: 'professional', id: membership.professionalId, name: membership.displayName },
    }));
  const members: OwnerChoice[] = (view?.members ?? []).map((member) => ({
    value: `member:${member.id}`,
    owner: { kind: 'member', id: member.id, name: member.displayName },
  }));
  const family: OwnerChoice = { value: 'family:', owner: { kind: 'family', id: null, name: familyName } };
  return { professionals, members, family };
}

/**
 * Family members who can open this space although the professional is hidden from them (e.g. a
 * partner who is a source of danger): naming that professional in the plan would reveal them.
 */
export function membersExposedTo(
  professionalId: string,
  view: FamilyView | null,
  audience: SpaceAudience | undefined,
): string[] {
  const membership = view?.team.find((candidate) => candidate.professionalId === professionalId);
  const hiddenFrom = new Set(membership?.hiddenFromMemberIds ?? []);
  if (!audience || hiddenFrom.size === 0) return [];
  return audience.members
    .filter((entry) => hiddenFrom.has(entry.memberId))
    .map((entry) => view?.members.find((member) => member.id === entry.memberId)?.displayName ?? '')
    .filter(Boolean);
}
