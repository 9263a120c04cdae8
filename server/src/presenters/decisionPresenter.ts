import type { DecisionView } from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import type { DecisionDocument } from '../models/decision.ts';
import type { OpenedFamily } from '../policies/familyAccess.ts';
import { loadPeople, personRef } from './people.ts';

/** Whether this caller may see the decision at all (a decision can be hidden from named members). */
export function decisionVisibleTo(
  decision: Pick<DecisionDocument, 'hiddenFromMemberIds'>,
  auth: AuthContext,
): boolean {
  const actor = auth.actor;
  return (
    actor.kind !== 'familyMember' || !decision.hiddenFromMemberIds.some((id) => String(id) === actor.memberId)
  );
}

/**
 * Presents decisions for one caller. A family member does not see the others' positions on a proposal
 * before giving her own, so that each position is hers.
 */
export async function presentDecisions(
  decisions: DecisionDocument[],
  amendedBy: Map<string, string>,
  auth: AuthContext,
  opened: OpenedFamily,
): Promise<DecisionView[]> {
  const actor = auth.actor;
  const people = await loadPeople(decisions.map((decision) => decision.proposedBy));
  const memberNames = new Map(
    opened.family.members.map((member) => [String(member._id), member.displayName]),
  );
  return decisions
    .filter((decision) => decisionVisibleTo(decision, auth))
    .map((decision) => {
      const given = new Set(decision.positions.map((position) => String(position.memberId)));
      const myPositionGiven = actor.kind === 'familyMember' && given.has(actor.memberId);
      const blind = actor.kind === 'familyMember' && decision.status === 'proposed' && !myPositionGiven;
      const awaiting = decision.awaitedMemberIds.map(String).filter((id) => !given.has(id));
      return {
        id: String(decision._id),
        familyId: String(decision.familyId),
        concertationId: decision.concertationId ? String(decision.concertationId) : null,
        what: decision.what,
        owner: decision.owner
          ? {
              kind: decision.owner.kind ?? 'family',
              id: decision.owner.id ?? null,
              name: decision.owner.name ?? '',
            }
          : null,
        dueDate: decision.dueDate ?? null,
        linkedPlanItemIds: [...decision.linkedPlanItemIds],
        status: decision.status,
        proposedBy: personRef(people, decision.proposedBy),
        proposedAt: decision.proposedAt.toISOString(),
        recordedAt: decision.recordedAt?.toISOString() ?? null,
        amends: decision.amends ? String(decision.amends) : null,
        amendedBy: amendedBy.get(String(decision._id)) ?? null,
        amendmentReason: decision.amendmentReason ?? null,
        positions: (blind ? [] : decision.positions).map((position) => ({
          memberId: String(position.memberId),
          displayName: memberNames.get(String(position.memberId)) ?? '—',
          position: position.position!,
          words: position.words ?? '',
          at: position.at!.toISOString(),
        })),
        awaitingPositionFrom: awaiting
          .filter((id) => actor.kind !== 'familyMember' || id === actor.memberId)
          .map((id) => ({ memberId: id, displayName: memberNames.get(id) ?? '—' })),
        ...(actor.kind === 'familyMember'
          ? {}
          : { hiddenFromMemberIds: decision.hiddenFromMemberIds.map(String) }),
        myPositionGiven,
      };
    });
}
