import mongoose, { type ClientSession } from 'mongoose';
import type { z } from 'zod';
import {
  addDays,
  enteredOnBehalfBy,
  mayRecordReferentChoice,
  teamFunctions,
  type AssignFunctionRequestSchema,
  type TeamFunction,
  memberIdOf,
  professionalIdOf,
} from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import { inTransaction } from '../db/transaction.ts';
import { invalidField, HttpError, forbidden } from '../http/errors.ts';
import type { FamilyModel } from '../models/family.ts';
import { FunctionAssignmentModel } from '../models/functionAssignment.ts';

type Family = InstanceType<typeof FamilyModel>;
type Request = z.output<typeof AssignFunctionRequestSchema>;

/** The functions held now, per professional, from the assignment history. */
export async function currentFunctions(
  familyId: mongoose.Types.ObjectId,
  session: ClientSession | null = null,
): Promise<Map<string, TeamFunction[]>> {
  const current = await FunctionAssignmentModel.find({ familyId, endedAt: null }).session(session).lean();
  const held = new Map<string, TeamFunction[]>();
  for (const assignment of current) {
    if (!assignment.professionalId) continue;
    const id = String(assignment.professionalId);
    held.set(id, [...(held.get(id) ?? []), assignment.function]);
  }
  return held;
}

/** Keeps the team's `functions` (used by the policy, e.g. who reads the audit) equal to the history's current state. */
async function syncTeamFunctions(family: Family, session: ClientSession): Promise<void> {
  const held = await currentFunctions(family._id, session);
  for (const membership of family.team) {
    const functions = membership.endedAt ? [] : (held.get(String(membership.professionalId)) ?? []);
    membership.functions = teamFunctions.filter((name) => functions.includes(name)) as never;
  }
  await family.save({ session });
}

type ChosenBy = { kind: 'familyMember' | 'team'; id: string; displayName: string };

/**
 * Whose choice of referent this is, after the family's rule (shared/src/policy/functionRules.ts): a
 * member records only her own choice and never replaces another member's. 403 / 409 otherwise.
 */
function referentChoice(
  family: Family,
  auth: AuthContext,
  request: Extract<Request, { function: 'referent' }>,
  current: {
    chosenBy?: { kind?: string | null; id?: string | null; displayName?: string | null } | null;
  } | null,
): ChosenBy {
  const actor = auth.actor;
  const forMemberId = request.onBehalfOfMemberId ?? memberIdOf(actor) ?? undefined;
  const member = family.members.find((candidate) => String(candidate._id) === forMemberId);
  if (!member)
    throw invalidField('onBehalfOfMemberId', 'the referent is chosen by the family: say which member chose');
  const currentChosenByMemberId =
    current?.chosenBy?.kind === 'familyMember' ? (current.chosenBy.id ?? null) : null;
  const facts = { forMemberId: String(member._id), currentChosenByMemberId };
  if (!mayRecordReferentChoice(actor, facts)) {
    if (currentChosenByMemberId && currentChosenByMemberId !== facts.forMemberId)
      throw new HttpError(
        409,
        'referent_chosen_by_another_member',
        `The referent in function was chosen by ${current?.chosenBy?.displayName}: only she or he, or a professional recording it for them, changes that choice.`,
      );
    throw forbidden('A family member records only her or his own choice of referent.');
  }
  return { kind: 'familyMember', id: String(member._id), displayName: member.displayName };
}

/**
 * Assigns a function. The referent is the family's choice (recorded as theirs); the coordinator is
 * assigned by the team for about a year, with a hand-over record when it changes; case management
 * needs its reason. Previous holders' assignments end; nothing is deleted.
 */
export async function assignFunction(family: Family, auth: AuthContext, request: Request) {
  const actor = auth.actor;
  const onTeam = (id: string | null) =>
    !!id && family.team.some((membership) => !membership.endedAt && String(membership.professionalId) === id);
  if (request.professionalId && !onTeam(request.professionalId))
    throw invalidField('professionalId', 'choose a professional already on the care team');
  const now = new Date();
  const current = await FunctionAssignmentModel.findOne({
    familyId: family._id,
    function: request.function,
    endedAt: null,
  });
  let chosenBy: ChosenBy;
  if (request.function === 'referent') chosenBy = referentChoice(family, auth, request, current);
  else {
    const professionalId = professionalIdOf(actor);
    if (!professionalId) throw forbidden('The team assigns the coordinator and the case manager.');
    chosenBy = { kind: 'team', id: professionalId, displayName: auth.displayName };
  }
  // A choice a professional entered for a member names them: "entered by Dr X for L.".
  const enteredById = request.function === 'referent' ? enteredOnBehalfBy(actor) : null;
  const enteredBy = enteredById ? { id: enteredById, displayName: auth.displayName } : null;
  if (current && request.professionalId && String(current.professionalId) === request.professionalId) {
    throw new HttpError(409, 'conflict', 'This professional already holds this function.');
  }
  const endingCoordination = request.function === 'coordinator' && !request.professionalId;
  if (endingCoordination && !current) throw invalidField('professionalId', 'no coordination to end');
  if (endingCoordination && !request.endReason)
    throw invalidField('endReason', 'say why the coordination ends without a successor');
  let handover = null;
  if (request.function === 'coordinator' && request.professionalId && current?.professionalId) {
    if (!request.handover)
      throw invalidField('handover.whatWasHandedOver', 'say what is handed over to the new coordinator');
    handover = {
      fromProfessionalId: current.professionalId,
      whatWasHandedOver: request.handover.whatWasHandedOver,
      acknowledgedAt: null,
    };
  }
  if (request.function === 'caseManager' && !request.professionalId && !current)
    throw invalidField('professionalId', 'no case management to end');
  const start = request.function === 'coordinator' && request.start ? new Date(request.start) : now;
  const expectedEnd =
    request.function === 'coordinator'
      ? request.expectedEnd
        ? new Date(request.expectedEnd)
        : addDays(start, 365)
      : null;
  if (expectedEnd && expectedEnd <= start) throw invalidField('expectedEnd', 'must be after the start');

  // The previous holder's end, the new assignment and the team's functions change together.
  return inTransaction(async (session) => {
    if (current) {
      current.endedAt = now;
      if (endingCoordination) current.endReason = request.endReason ?? null;
      await current.save({ session });
    }
    const [assignment] = request.professionalId
      ? await FunctionAssignmentModel.create(
          [
            {
              familyId: family._id,
              function: request.function,
              professionalId: request.professionalId,
              start,
              expectedEnd,
              chosenBy,
              enteredBy,
              reason: request.function === 'caseManager' ? request.reason : null,
              concertationId: request.concertationId ?? null,
              handover,
            },
          ],
          { session },
        )
      : [null];
    await syncTeamFunctions(family, session);
    return assignment ?? null;
  });
}

/** The new coordinator acknowledges the hand-over they received. */
export async function acknowledgeHandover(family: Family, auth: AuthContext, assignmentId: string) {
  const assignment = mongoose.isValidObjectId(assignmentId)
    ? await FunctionAssignmentModel.findOne({ _id: assignmentId, familyId: family._id })
    : null;
  if (!assignment?.handover) throw new HttpError(404, 'not_found', 'No such hand-over.');
  if (String(assignment.professionalId) !== professionalIdOf(auth.actor)) {
    throw forbidden('Only the new coordinator acknowledges the hand-over.');
  }
  if (assignment.handover.acknowledgedAt) throw new HttpError(409, 'conflict', 'Already acknowledged.');
  assignment.handover.acknowledgedAt = new Date();
  await assignment.save();
  return assignment;
}
