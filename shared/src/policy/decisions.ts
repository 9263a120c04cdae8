import { canOnFamily } from './family.ts';
import { isOwnFamilyMember, type Actor, type FamilyScope } from './actor.ts';

/** What the policy needs to know about one decision. */
export interface DecisionScope {
  hiddenFromMemberIds: readonly string[];
  awaitedMemberIds: readonly string[];
  status: 'proposed' | 'recorded';
  /** Members who already gave their position. */
  positionedMemberIds: readonly string[];
}

/** Actions on one decision. */
export const decisionActions = [
  'decision.read',
  'decision.position',
  'decision.record',
  'decision.amend',
  'decision.positions.read',
] as const;
/** An action on one decision. */
export type DecisionAction = (typeof decisionActions)[number];

/** Whether the actor may do `action` on this decision; hidden decisions do not exist for those they hide from. */
export function canOnDecision(
  actor: Actor,
  action: DecisionAction,
  family: FamilyScope,
  decision: DecisionScope,
): boolean {
  if (!canOnFamily(actor, 'family.decisions.read', family)) return false;
  const member = isOwnFamilyMember(actor, family) ? actor : null;
  if (member && decision.hiddenFromMemberIds.includes(member.memberId)) return false;
  switch (action) {
    case 'decision.read':
      return true;
    case 'decision.position':
      return (
        !!member &&
        canOnFamily(actor, 'family.decisions.position', family) &&
        decision.awaitedMemberIds.includes(member.memberId)
      );
    case 'decision.record':
    case 'decision.amend':
      return canOnFamily(actor, 'family.decisions.propose', family);
    case 'decision.positions.read':
      // A member sees the others' positions on a proposal only after giving hers, so that hers is her own.
      return (
        !member || decision.status === 'recorded' || decision.positionedMemberIds.includes(member.memberId)
      );
  }
}

/**
 * Whether this member of the family may be asked her position on a decision: only if, once asked, she
 * could give it (never on a decision hidden from her, never after she withdrew from concertations).
 */
export function mayBeAskedPosition(
  family: FamilyScope,
  decision: Pick<DecisionScope, 'hiddenFromMemberIds' | 'status'>,
  memberId: string,
): boolean {
  const member: Actor = { kind: 'familyMember', familyId: family.familyId, memberId };
  const asked: DecisionScope = { ...decision, awaitedMemberIds: [memberId], positionedMemberIds: [] };
  return decision.status === 'proposed' && canOnDecision(member, 'decision.position', family, asked);
}

/**
 * Who an amendment is hidden from: it inherits the hidden members of what it amends; the author may hide
 * it from more members, and widens it (shows it to someone the original was hidden from) only explicitly.
 */
export function amendmentHiddenFrom(
  amended: readonly string[],
  requested: readonly string[] | undefined,
  widen: boolean,
): string[] {
  if (requested === undefined) return [...amended];
  if (widen) return [...requested];
  return [...new Set([...amended, ...requested])];
}
