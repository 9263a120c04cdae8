import type { FamilyView } from '@concerto/shared';
import type { DecisionOwner } from '../../services/decisionsService.ts';

/** One choice of "who carries it": a professional of the team, one family member, or the family. */
export interface OwnerChoice {
  value: string;
  owner: DecisionOwner;
}

/** The people who may carry a decision, as `<select>` values that map back to the API's owner. */
export function ownerChoices(view: FamilyView, familyName: string): OwnerChoice[] {
  return [
    ...view.team
      .filter((membership) => !membership.endedAt)
      .map((membership) => ({
        value: `professional:${membership.professionalId}`,
        owner: { kind: 'professional', id: membership.professionalId, name: membership.displayName },
      })),
    ...view.members.map((member) => ({
      value: `member:${member.id}`,
      owner: { kind: 'member', id: member.id, name: member.displayName },
    })),
    { value: 'family:', owner: { kind: 'family', id: null, name: familyName } },
  ];
}

/** The `<select>` value of an existing owner (to prefill an amendment). */
export function ownerValue(owner: DecisionOwner | null): string {
  return owner ? `${owner.kind}:${owner.id ?? ''}` : '';
}
