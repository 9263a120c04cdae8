import mongoose from 'mongoose';
import { can, memberIdOf, type DecisionAction, type DecisionScope } from '@concerto/shared';
import { DecisionModel, type DecisionDocument } from '../models/decision.ts';
import type { FamilyRepository } from './familyRepository.ts';

/** A stored decision as the policy reads it. */
export function decisionScopeOf(
  decision: Pick<DecisionDocument, 'hiddenFromMemberIds' | 'awaitedMemberIds' | 'status' | 'positions'>,
): DecisionScope {
  return {
    hiddenFromMemberIds: decision.hiddenFromMemberIds.map(String),
    awaitedMemberIds: decision.awaitedMemberIds.map(String),
    status: decision.status,
    positionedMemberIds: decision.positions.map((position) => String(position.memberId)),
  };
}

/** Whether the caller may do this on one decision of the opened family. */
export function canOnDecision(
  opened: FamilyRepository,
  action: DecisionAction,
  decision: Parameters<typeof decisionScopeOf>[0],
): boolean {
  return can(opened.actor, action, {
    kind: 'decision',
    family: opened.scope,
    decision: decisionScopeOf(decision),
  });
}

/** The query that leaves out, in the database, the decisions hidden from the calling member. */
function visibleFilter(opened: FamilyRepository): Record<string, unknown> {
  const memberId = memberIdOf(opened.actor);
  return memberId
    ? { hiddenFromMemberIds: mongoose.trusted({ $ne: new mongoose.Types.ObjectId(memberId) }) }
    : {};
}

/** The family's decisions the caller may read (none at all when she may not read decisions). */
export async function visibleDecisions(
  opened: FamilyRepository,
  filter: Record<string, unknown> = {},
): Promise<DecisionDocument[]> {
  if (!opened.can('family.decisions.read')) return [];
  const decisions = await DecisionModel.find({
    ...filter,
    ...visibleFilter(opened),
    familyId: opened.family._id,
  })
    .sort({ proposedAt: -1 })
    .lean();
  return decisions.filter((decision) => canOnDecision(opened, 'decision.read', decision));
}

/** One decision of the family the caller may read (hydrated, to change it), or null. */
export async function visibleDecision(opened: FamilyRepository, decisionId: string) {
  if (!opened.can('family.decisions.read')) return null;
  const decision = await DecisionModel.findOne({
    _id: decisionId,
    familyId: opened.family._id,
    ...visibleFilter(opened),
  });
  return decision && canOnDecision(opened, 'decision.read', decision) ? decision : null;
}
