import mongoose from 'mongoose';
import { memberIdOf, type MemberData } from '@concerto/shared';
import type { DocumentRegistry } from '../collab/documentRegistry.ts';
import { readSharedPlan } from '../collab/planReader.ts';
import { RightsRequestModel } from '../models/rightsRequest.ts';
import { calendarDate } from '../presenters/familyPresenter.ts';
import { loadPeopleFor } from '../presenters/people.ts';
import { visibleAssessments } from './assessmentReads.ts';
import { memberAttachmentData } from './attachmentReads.ts';
import { visibleConcertations } from './concertationAccess.ts';
import { visibleContacts } from './contactReads.ts';
import { presentContacts } from '../presenters/contactPresenter.ts';
import { visibleDecisions } from './decisionReads.ts';
import type { FamilyRepository } from './familyRepository.ts';
import { readFunctionAssignments } from './functionAccess.ts';
import { visibleReferrals } from './referralReads.ts';
import { sharedPlanAccess } from './spaceAccess.ts';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/**
 * Everything the file holds about the calling member and shared with her (GDPR article 15), read through
 * her own rights: the repository's filters leave out other members, flags, hidden decisions and hidden
 * professionals in the queries themselves. The export is written to the audit trail.
 */
export async function readMemberData(
  opened: FamilyRepository,
  documents: DocumentRegistry,
): Promise<MemberData> {
  opened.require('family.data.export');
  const memberId = memberIdOf(opened.actor)!;
  const { family } = opened;
  const me = opened.members().find((member) => String(member._id) === memberId)!;
  const team = opened.team();
  const [indicators, decisions, referrals, concertations, assignments, planAccess, requests, assessments] =
    await Promise.all([
      opened.indicators(),
      visibleDecisions(opened),
      visibleReferrals(opened),
      visibleConcertations(opened),
      opened.can('family.functions.read') ? readFunctionAssignments(opened.actor, family) : [],
      sharedPlanAccess(opened),
      RightsRequestModel.find({ familyId: family._id, memberId: new mongoose.Types.ObjectId(memberId) })
        .sort({ at: 1 })
        .lean(),
      visibleAssessments(opened),
    ]);
  const people = await loadPeopleFor(opened.hiddenProfessionals(), [
    ...team.map((membership) => membership.professionalId),
    ...assignments.map((assignment) => assignment.professionalId),
  ]);
  const plan = planAccess === 'none' ? null : (await readSharedPlan(documents, family._id)).plan;
  const contacts = await presentContacts(opened, await visibleContacts(opened));
  await opened.audit('read', 'export');
  return {
    generatedAt: new Date().toISOString(),
    file: {
      label: family.label,
      dueDate: calendarDate(family.dueDate),
      birthDate: calendarDate(family.birthDate),
      closure: family.closure ? { kind: family.closure.kind, at: calendarDate(family.closure.at)! } : null,
    },
    me: {
      displayName: me.displayName,
      role: me.role,
      birthDate: calendarDate(me.birthDate),
      preferredLanguage: me.preferredLanguage,
      interpreterNeeded: me.interpreterNeeded,
    },
    consents: opened
      .consents()
      .map((consent) => ({ scope: consent.scope, granted: consent.granted, at: consent.at.toISOString() })),
    team: team.map((membership) => {
      const person = people.get(String(membership.professionalId));
      return {
        displayName: person?.displayName ?? '—',
        profession: person?.profession ?? '',
        organisationName: person?.organisationName ?? '',
        functions: [...membership.functions],
        joinedAt: membership.joinedAt.toISOString(),
        endedAt: iso(membership.endedAt),
      };
    }),
    functions: assignments
      .filter((assignment) => assignment.professionalId)
      .map((assignment) => ({
        function: assignment.function,
        displayName: people.get(String(assignment.professionalId))?.displayName ?? '—',
        start: calendarDate(assignment.start)!,
        end: calendarDate(assignment.endedAt),
      })),
    sharedWithMe: indicators.map((indicator) => ({
      key: indicator.key,
      category: indicator.category,
      note: indicator.note ?? null,
      recordedAt: indicator.recordedAt.toISOString(),
    })),
    assessments: assessments.map((assessment) => ({
      at: calendarDate(assessment.at)!,
      needs: assessment.needs,
      expectations: assessment.expectations ?? '',
      strengths: assessment.strengths ?? '',
    })),
    plan: plan && {
      needs: plan.needs.map((need) => need.text),
      goals: plan.goals.map((goal) => goal.text),
      actions: plan.actions.map((action) => ({
        what: action.what,
        status: action.status,
        dueDate: action.dueDate,
      })),
    },
    concertations: concertations.map((concertation) => ({
      scheduledAt: concertation.scheduledAt.toISOString(),
      status: concertation.status,
    })),
    decisions: decisions.map((decision) => {
      // Her own position only: another member's words are that member's data.
      const mine = decision.positions.find((position) => String(position.memberId) === memberId);
      return {
        what: decision.what,
        status: decision.status,
        proposedAt: decision.proposedAt.toISOString(),
        recordedAt: iso(decision.recordedAt),
        myPosition: mine
          ? { position: mine.position ?? '', words: mine.words ?? '', at: iso(mine.at) ?? '' }
          : null,
      };
    }),
    referrals: referrals.map((referral) => ({
      service: referral.entryName,
      status: referral.status,
      at: referral.createdAt.toISOString(),
    })),
    contacts: contacts.map((contact) => ({
      date: contact.date,
      kind: contact.kind,
      place: contact.place,
      durationMinutes: contact.durationMinutes,
      professionals: contact.professionals.map((professional) => professional.displayName),
      interpreter: contact.interpreter,
    })),
    requests: requests.map((request) => ({
      kind: request.kind,
      text: request.text,
      at: request.at.toISOString(),
    })),
    ...(await memberAttachmentData(opened)),
  };
}
