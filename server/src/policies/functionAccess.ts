import mongoose from 'mongoose';
import { hiddenProfessionalIdsFor, type Actor } from '@concerto/shared';
import type { FamilyModel } from '../models/family.ts';
import { FunctionAssignmentModel, type FunctionAssignmentDocument } from '../models/functionAssignment.ts';

type FamilyHydrated = InstanceType<typeof FamilyModel>;

/** The professionals hidden from the caller in this family (never named to them, on any channel). */
export function hiddenProfessionalsOf(actor: Actor, family: FamilyHydrated): ReadonlySet<string> {
  return hiddenProfessionalIdsFor(
    actor,
    family.team.map((membership) => ({
      professionalId: String(membership.professionalId),
      hiddenFromMemberIds: membership.hiddenFromMemberIds.map(String),
    })),
  );
}

/**
 * The family's function assignments as the caller may read them, newest first. Holdings of professionals
 * hidden from the caller never leave the database; their name is removed where they appear in another
 * record (who handed over, who chose for the team, who entered a choice).
 */
export async function readFunctionAssignments(
  actor: Actor,
  family: FamilyHydrated,
): Promise<FunctionAssignmentDocument[]> {
  const hidden = hiddenProfessionalsOf(actor, family);
  const hiddenIds = [...hidden].map((id) => new mongoose.Types.ObjectId(id));
  const assignments = await FunctionAssignmentModel.find({
    familyId: family._id,
    ...(hiddenIds.length ? { professionalId: mongoose.trusted({ $nin: hiddenIds }) } : {}),
  })
    .sort({ start: -1 })
    .lean();
  if (hidden.size === 0) return assignments;
  return assignments.map((assignment) => ({
    ...assignment,
    handover:
      assignment.handover && hidden.has(String(assignment.handover.fromProfessionalId))
        ? null
        : assignment.handover,
    chosenBy:
      assignment.chosenBy?.kind === 'team' && hidden.has(assignment.chosenBy.id)
        ? { kind: 'team', id: '', displayName: '' }
        : assignment.chosenBy,
    enteredBy: assignment.enteredBy && hidden.has(assignment.enteredBy.id) ? null : assignment.enteredBy,
  }));
}
