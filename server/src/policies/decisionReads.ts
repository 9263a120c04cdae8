import mongoose, { type ClientSession } from 'mongoose';
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

/**
 * Keeps the caller's meeting's proposals she names open for positions until `until` (a meeting being
 * closed): only proposals of that meeting she may record, in the same transaction as the close.
 */
export async function keepOpenForPositions(
  opened: FamilyRepository,
  concertationId: mongoose.Types.ObjectId,
  kept: { decisionIds: readonly string[]; until: string },
  session: ClientSession,
): Promise<void> {
  const proposals = await DecisionModel.find(
    {
      _id: mongoose.trusted({ $in: kept.decisionIds }),
      familyId: opened.family._id,
      concertationId,
      status: 'proposed',
    },
    null,
    { session },
  ).lean();
  const ids = proposals
    .filter((decision) => canOnDecision(opened, 'decision.record', decision))
    .map((decision) => decision._id);
  if (ids.length)
    await DecisionModel.updateMany(
      { _id: mongoose.trusted({ $in: ids }) },
      { $set: { positionsDueBy: kept.until } },
      { session },
    );
}
