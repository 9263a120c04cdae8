import { awaitsPositions, brusselsDay, memberIdOf, readsAsTeam, type DecisionView } from '@concerto/shared';
import type { DecisionDocument } from '../models/decision.ts';
import { canOnDecision } from '../policies/decisionReads.ts';
import type { OpenedFamily } from '../policies/familyAccess.ts';
import { loadPeopleFor, personRef } from './people.ts';

/**
 * Formats decisions the repository loaded for one caller. A family member does not see the others'
 * positions on a proposal before giving her own, so that each position is hers (the policy says when).
 */
export async function presentDecisions(
  decisions: DecisionDocument[],
  amendedBy: Map<string, string>,
  opened: OpenedFamily,
): Promise<DecisionView[]> {
  const asTeam = readsAsTeam(opened.actor, opened.scope);
  const myMemberId = memberIdOf(opened.actor);
  const today = brusselsDay();
  const people = await loadPeopleFor(
    opened.hiddenProfessionals(),
    decisions.map((decision) => decision.proposedBy),
  );
  const memberNames = new Map(
    opened.family.members.map((member) => [String(member._id), member.displayName]),
  );
  return decisions.map((decision) => {
    const given = new Set(decision.positions.map((position) => String(position.memberId)));
    const myPositionGiven = !!myMemberId && given.has(myMemberId);
    const blind = !canOnDecision(opened, 'decision.positions.read', decision);
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
        .filter((id) => asTeam || id === myMemberId)
        .map((id) => ({ memberId: id, displayName: memberNames.get(id) ?? '—' })),
      ...(asTeam ? { hiddenFromMemberIds: decision.hiddenFromMemberIds.map(String) } : {}),
      myPositionGiven,
      positionsDueBy: decision.positionsDueBy ?? null,
      recordable:
        decision.status === 'proposed' &&
        !awaitsPositions(
          { positionsDueBy: decision.positionsDueBy ?? null, awaitingCount: awaiting.length },
          today,
        ),
    };
  });
}
