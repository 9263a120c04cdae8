import {
  closingDue,
  computePhase,
  secondBirthday,
  thousandDaysOver,
  familyPoliciesFor,
  readsAsTeam,
  type FamilyView,
  healthRoleOf,
} from '@concerto/shared';
import { versionOf } from '../http/versions.ts';
import type { FamilyRepository } from '../policies/familyRepository.ts';
import { screeningSeries } from '../commands/screeningRecorder.ts';
import { loadPeopleFor, personRef } from './people.ts';
import { presentFundedService, servicePeopleIds } from './fundedServicePresenter.ts';
import { servicesByScenarioNow } from '../commands/eligibilityRules.ts';
import { eligibilityNow } from '../commands/serviceRecorder.ts';

/** `YYYY-MM-DD` of a stored date, or null. */
export function calendarDate(date: Date | null | undefined): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/** One family member as the file shows her. */
export function presentMember(
  member: FamilyRepository['family']['members'][number],
): FamilyView['members'][number] {
  return {
    id: String(member._id),
    displayName: member.displayName,
    role: member.role,
    birthDate: calendarDate(member.birthDate),
    preferredLanguage: member.preferredLanguage,
    interpreterNeeded: member.interpreterNeeded,
  };
}

function followUpOf(
  family: FamilyRepository['family'],
  people: Awaited<ReturnType<typeof loadPeopleFor>>,
  today: Date,
): FamilyView['followUp'] {
  const dates = { dueDate: family.dueDate ?? null, birthDate: family.birthDate ?? null };
  const extensions = family.followUpExtensions;
  return {
    closingDue: closingDue(
      { ...dates, extendedUntil: extensions.at(-1)?.reviewDate ?? null, closed: !!family.closure },
      today,
    ),
    thousandDaysOver: thousandDaysOver(dates, today),
    secondBirthday: calendarDate(secondBirthday(dates)),
    extensions: extensions.map((extension) => ({
      reason: extension.reason,
      reviewDate: calendarDate(extension.reviewDate) ?? '',
      at: extension.at.toISOString(),
      by: personRef(people, extension.byUserId),
    })),
  };
}

/**
 * Formats the family file as this caller may see it. The repository already loaded only what she may
 * read (indicators, members, team); sections her policies leave out are not written at all.
 */
export async function presentFamily(opened: FamilyRepository, today = new Date()): Promise<FamilyView> {
  const { family, actor } = opened;
  const scope = opened.refresh();
  const policies = familyPoliciesFor(actor, scope);
  const asTeam = readsAsTeam(actor, scope);
  const indicators = await opened.indicators();
  const team = opened.team();

  // A professional hidden from the caller (a member) is named as no one wherever she acted.
  const people = await loadPeopleFor(opened.hiddenProfessionals(), [
    ...team.map((membership) => membership.professionalId),
    ...family.strataHistory.map((change) => change.authorId),
    ...indicators.map((indicator) => indicator.recordedBy),
    ...indicators.flatMap((indicator) => (indicator.statusHistory ?? []).map((change) => change.byUserId)),
    ...servicePeopleIds(family.services),
    ...family.consents.map((consent) => consent.throughUserId),
    ...screeningSeries(family).map((screening) => screening.recordedBy),
    family.entryPoint?.byUserId,
    family.closure?.byUserId,
    ...family.followUpExtensions.map((extension) => extension.byUserId),
  ]);
  const members = opened.members();
  const visibleMemberIds = new Set(members.map((member) => String(member._id)));
  const memberNames = new Map(family.members.map((member) => [String(member._id), member.displayName]));
  const phase = computePhase({ dueDate: family.dueDate, birthDate: family.birthDate }, today);

  const view: FamilyView = {
    id: String(family._id),
    label: family.label,
    dueDate: calendarDate(family.dueDate),
    birthDate: calendarDate(family.birthDate),
    version: versionOf(family.lastChange),
    phase: phase?.phase ?? null,
    dayOf1000: phase?.dayOf1000 ?? null,
    gestationalWeeks: phase?.gestationalWeeks ?? null,
    members: members.map(presentMember),
    team: team.map((membership) => {
      const person = people.get(String(membership.professionalId));
      return {
        professionalId: String(membership.professionalId),
        displayName: person?.displayName ?? '—',
        profession: person?.profession ?? '',
        healthRole: person ? healthRoleOf(person) : 'B',
        organisationName: person?.organisationName ?? '',
        functions: [...membership.functions],
        joinedAt: membership.joinedAt.toISOString(),
        endedAt: membership.endedAt?.toISOString() ?? null,
        ...(asTeam ? { hiddenFromMemberIds: membership.hiddenFromMemberIds.map(String) } : {}),
      };
    }),
    indicators: indicators.map((indicator) => ({
      id: String(indicator._id),
      key: indicator.key,
      category: indicator.category,
      aboutMemberId:
        indicator.aboutMemberId && visibleMemberIds.has(String(indicator.aboutMemberId))
          ? String(indicator.aboutMemberId)
          : null,
      note: indicator.note ?? null,
      recordedBy: personRef(people, indicator.recordedBy),
      recordedAt: indicator.recordedAt.toISOString(),
      ...(asTeam ? { sharedWithMemberIds: indicator.sharedWithMemberIds.map(String) } : {}),
      version: versionOf(indicator.lastChange),
      status: indicator.status ?? 'active',
      statusHistory: (indicator.statusHistory ?? []).map((change) => ({
        status: change.status,
        at: change.at.toISOString(),
        by: personRef(people, change.byUserId),
        note: change.note ?? null,
      })),
    })),
    consents: opened.consents().map((consent) => ({
      memberId: String(consent.memberId),
      scope: consent.scope,
      granted: consent.granted,
      at: consent.at.toISOString(),
      through: consent.throughMemberId
        ? {
            id: String(consent.throughMemberId),
            displayName: memberNames.get(String(consent.throughMemberId)) ?? '—',
          }
        : personRef(people, consent.throughUserId),
    })),
    closure: family.closure
      ? {
          kind: family.closure.kind,
          at: calendarDate(family.closure.at) ?? '',
          by: personRef(people, family.closure.byUserId),
          reason: family.closure.reason,
          purgeAfter: calendarDate(family.closure.purgeAfter) ?? '',
        }
      : null,
    followUp: followUpOf(family, people, today),
    policies,
  };

  if (policies['family.strata.read']) {
    view.stratum = family.stratum;
    view.strataHistory = family.strataHistory.map((change) => ({
      from: change.from ?? null,
      to: change.to,
      at: change.at.toISOString(),
      author: personRef(people, change.authorId),
      reason: change.reason,
    }));
  }
  if (policies['family.screening.read']) {
    const entryPoint = family.entryPoint;
    if (entryPoint) {
      view.entryPoint = {
        kind: entryPoint.kind,
        place: entryPoint.place ?? null,
        at: calendarDate(entryPoint.at) ?? '',
        by: personRef(people, entryPoint.byUserId),
      };
    }
    view.screening = family.screening?.scenario
      ? {
          scenario: family.screening.scenario,
          at: calendarDate(family.screening.at) ?? '',
          recordedBy: personRef(people, family.screening.recordedBy),
        }
      : null;
    view.screenings = screeningSeries(family).map((screening) => ({
      scenario: screening.scenario,
      at: calendarDate(screening.at) ?? '',
      recordedBy: personRef(people, screening.recordedBy),
    }));
    view.services = family.services.map((service) => presentFundedService(service, people, memberNames));
    view.serviceEligibility = eligibilityNow(family, await servicesByScenarioNow());
  }
  return view;
}
