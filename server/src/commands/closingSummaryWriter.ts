import mongoose from 'mongoose';
import {
  actorOfAccount,
  isRoleAAccount,
  namesGeneralPractitioner,
  type ClosingSummary,
  type FileEndKind,
} from '@concerto/shared';
import { FunctionAssignmentModel } from '../models/functionAssignment.ts';
import { PlanActionModel } from '../models/planAction.ts';
import { UserModel } from '../models/user.ts';
import { visibleDecisions } from '../policies/decisionReads.ts';
import type { FamilyRepository } from '../policies/familyRepository.ts';
import { visibleReferrals } from '../policies/referralReads.ts';
import { visibleSpaces } from '../policies/spaceAccess.ts';
import { calendarDate } from '../presenters/familyPresenter.ts';
import { loadPeople } from '../presenters/people.ts';

/** How the file ended, as the summary states it. */
export interface ClosingFacts {
  kind: FileEndKind;
  at: Date;
  closedBy: string;
  reason: string;
}

/**
 * Who receives the closing summary: the current referent(s) and the GPs on the care team (a job title
 * naming a general practitioner, health role A). Each is a professional still on the team.
 */
export async function summaryRecipients(opened: FamilyRepository): Promise<string[]> {
  const current = opened.scope.team;
  const referents = current.filter((link) => link.functions.includes('referent'));
  const people = await loadPeople(current.map((link) => link.professionalId));
  const doctors = current.filter((link) => {
    const person = people.get(link.professionalId);
    return isRoleAAccount(person) && namesGeneralPractitioner(person!.profession);
  });
  return [...new Set([...referents, ...doctors].map((link) => link.professionalId))];
}

/**
 * Writes the summary for one recipient through her own rights (the repository filters it): a Role B
 * recipient never receives a medical indicator, nobody receives a space she could not open.
 */
export async function writeClosingSummary(
  opened: FamilyRepository,
  recipientId: string,
  facts: ClosingFacts,
): Promise<Omit<ClosingSummary, 'id'> | null> {
  const account = await UserModel.findById(recipientId).lean();
  const actor = account && account.kind === 'professional' ? actorOfAccount(account) : null;
  if (!actor) return null;
  const asRecipient = opened.viewedBy(actor);
  const familyId = opened.family._id;
  const [assignments, decisions, referrals, spaces, indicators] = await Promise.all([
    FunctionAssignmentModel.find({ familyId }).sort({ start: 1 }).lean(),
    visibleDecisions(asRecipient),
    visibleReferrals(asRecipient),
    visibleSpaces(asRecipient),
    asRecipient.indicators(),
  ]);
  const actions = await PlanActionModel.find({
    familyId,
    spaceId: mongoose.trusted({ $in: spaces.map(({ space }) => space._id) }),
    status: mongoose.trusted({ $in: ['todo', 'inProgress'] }),
  }).lean();
  const people = await loadPeople(assignments.map((assignment) => assignment.professionalId));
  return {
    familyId: String(familyId),
    familyLabel: opened.family.label,
    kind: facts.kind,
    closedAt: calendarDate(facts.at) ?? '',
    closedBy: facts.closedBy,
    reason: facts.reason,
    functions: assignments
      .filter((assignment) => assignment.professionalId)
      .map((assignment) => ({
        function: assignment.function,
        displayName: people.get(String(assignment.professionalId))?.displayName ?? '—',
        start: calendarDate(assignment.start) ?? '',
        end: calendarDate(assignment.endedAt),
      })),
    decisions: decisions
      .filter((decision) => decision.status === 'recorded')
      .map((decision) => ({
        what: decision.what,
        status: decision.status,
        at: calendarDate(decision.recordedAt ?? decision.proposedAt) ?? '',
      })),
    openActions: actions.map((action) => ({
      what: action.what,
      owner: action.ownerName ?? null,
      dueDate: action.dueDate ?? null,
    })),
    referrals: referrals.map((referral) => ({
      service: referral.entryName,
      status: referral.status,
      at: calendarDate(referral.createdAt) ?? '',
    })),
    indicators: indicators.map((indicator) => ({
      key: indicator.key,
      category: indicator.category,
      note: indicator.note ?? '',
    })),
  };
}
