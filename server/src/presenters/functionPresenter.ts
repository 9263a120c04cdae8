import type { z } from 'zod';
import type { FunctionAssignmentSchema } from '@concerto/shared';
import type { FunctionAssignmentDocument } from '../models/functionAssignment.ts';
import { loadPeople, personRef } from './people.ts';

type FunctionAssignmentView = z.infer<typeof FunctionAssignmentSchema>;

/**
 * Presents assignments with the names of the professionals involved. For a family member, the team's
 * working notes (what was handed over, why case management started) are left out.
 */
export async function presentAssignments(
  assignments: FunctionAssignmentDocument[],
  forFamilyMember = false,
): Promise<FunctionAssignmentView[]> {
  const people = await loadPeople(
    assignments.flatMap((assignment) => [assignment.professionalId, assignment.handover?.fromProfessionalId]),
  );
  return assignments.map((assignment) => {
    const person = assignment.professionalId ? people.get(String(assignment.professionalId)) : undefined;
    return {
      id: String(assignment._id),
      function: assignment.function,
      professional: person
        ? { id: person.id, displayName: person.displayName, profession: person.profession }
        : null,
      start: assignment.start.toISOString(),
      expectedEnd: assignment.expectedEnd?.toISOString() ?? null,
      endedAt: assignment.endedAt?.toISOString() ?? null,
      chosenBy: {
        kind: assignment.chosenBy!.kind,
        id: assignment.chosenBy!.id,
        displayName: assignment.chosenBy!.displayName,
      },
      enteredBy: assignment.enteredBy
        ? { id: assignment.enteredBy.id, displayName: assignment.enteredBy.displayName ?? '' }
        : null,
      reason: forFamilyMember ? null : (assignment.reason ?? null),
      endReason: forFamilyMember ? null : (assignment.endReason ?? null),
      concertationId: assignment.concertationId ? String(assignment.concertationId) : null,
      handover: assignment.handover
        ? {
            from: personRef(people, assignment.handover.fromProfessionalId),
            whatWasHandedOver: forFamilyMember ? '' : (assignment.handover.whatWasHandedOver ?? ''),
            acknowledgedAt: assignment.handover.acknowledgedAt?.toISOString() ?? null,
          }
        : null,
    };
  });
}
