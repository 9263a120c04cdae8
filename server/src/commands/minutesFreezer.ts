import mongoose from 'mongoose';
import type { PlanAction, PlanEntry } from '@concerto/shared';
import { readSharedPlan } from '../collab/planReader.ts';
import type { DocumentRegistry } from '../collab/documentRegistry.ts';
import type { ConcertationModel } from '../models/concertation.ts';
import { DecisionModel } from '../models/decision.ts';
import type { FamilyModel } from '../models/family.ts';
import { FunctionAssignmentModel } from '../models/functionAssignment.ts';
import { loadPeople, personRef } from '../presenters/people.ts';

type Concertation = InstanceType<typeof ConcertationModel>;
type Family = InstanceType<typeof FamilyModel>;
type Plan = { needs: PlanEntry[]; goals: PlanEntry[]; actions: PlanAction[] };

function describe(list: string, entry: PlanEntry | PlanAction): string {
  return list === 'actions' ? (entry as PlanAction).what : (entry as PlanEntry).text;
}

/** What changed in the plan between two readings: added, changed (with what changed) and removed entries. */
export function diffPlans(before: Plan, after: Plan) {
  const added: { list: string; text: string }[] = [];
  const changed: { list: string; text: string; detail: string }[] = [];
  const removed: { list: string; text: string }[] = [];
  for (const list of ['needs', 'goals', 'actions'] as const) {
    const old = new Map<string, PlanEntry | PlanAction>(before[list].map((entry) => [entry.id, entry]));
    for (const entry of after[list]) {
      const previous = old.get(entry.id);
      old.delete(entry.id);
      if (!previous) added.push({ list, text: describe(list, entry) });
      else if (JSON.stringify(previous) !== JSON.stringify(entry)) {
        const fields = Object.keys(entry).filter(
          (key) => JSON.stringify((previous as never)[key]) !== JSON.stringify((entry as never)[key]),
        );
        changed.push({ list, text: describe(list, entry), detail: fields.join(', ') });
      }
    }
    for (const entry of old.values()) removed.push({ list, text: describe(list, entry) });
  }
  return { added, changed, removed };
}

/**
 * Freezes the minutes at the close: attendance, agenda, the decisions with their positions, function
 * changes, stratum changes and plan changes made during the meeting. Stored whole; filtered per reader.
 */
export async function freezeMinutes(concertation: Concertation, family: Family, documents: DocumentRegistry) {
  const closedAt = new Date();
  const startedAt = concertation.startedAt ?? concertation.scheduledAt;
  const decisions = await DecisionModel.find({ concertationId: concertation._id })
    .sort({ proposedAt: 1 })
    .lean();
  const amendments = await DecisionModel.find(
    { amends: mongoose.trusted({ $in: decisions.map((decision) => decision._id) }) },
    { amends: 1 },
  ).lean();
  const functionChanges = await FunctionAssignmentModel.find({
    familyId: family._id,
    $or: [
      { concertationId: concertation._id },
      { start: mongoose.trusted({ $gte: startedAt, $lte: closedAt }) },
    ],
  }).lean();
  const strata = family.strataHistory.filter((change) => change.at >= startedAt && change.at <= closedAt);
  const people = await loadPeople(strata.map((change) => change.authorId));
  const { plan } = await readSharedPlan(documents, family._id);
  return {
    closedAt,
    decisions,
    amendedBy: amendments.map((amendment) => [String(amendment.amends), String(amendment._id)]),
    functionChanges,
    stratumChanges: strata.map((change) => ({
      from: change.from ?? null,
      to: change.to,
      at: change.at.toISOString(),
      reason: change.reason,
      author: personRef(people, change.authorId).displayName,
    })),
    planChanges: diffPlans(
      (concertation.planAtOpening as Plan | null) ?? { needs: [], goals: [], actions: [] },
      plan,
    ),
  };
}
