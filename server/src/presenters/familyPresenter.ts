import {
  can,
  computePhase,
  familyPoliciesFor,
  type Actor,
  type FamilyScope,
  type FamilyView,
  type SharedItem,
} from '@concerto/shared';
import type { FamilyModel } from '../models/family.ts';
import { versionOf } from '../http/versions.ts';
import { loadPeople, personRef } from './people.ts';

type FamilyHydrated = InstanceType<typeof FamilyModel>;

/** `YYYY-MM-DD` of a stored date, or null. */
export function calendarDate(date: Date | null | undefined): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/** Team memberships as shareable items: visible to every member except those it is hidden from. */
export function membershipItem(family: FamilyHydrated, hiddenFrom: readonly unknown[]): SharedItem {
  const hidden = new Set(hiddenFrom.map(String));
  return {
    category: 'general',
    sharedWithMemberIds: family.members.map((member) => String(member._id)).filter((id) => !hidden.has(id)),
  };
}

/**
 * Builds the family file as this caller may see it. Sections the caller may not read are left out
 * entirely, and items are filtered one by one with the same policy the routes enforce.
 */
export async function presentFamily(
  family: FamilyHydrated,
  actor: Actor,
  scope: FamilyScope,
  today = new Date(),
): Promise<FamilyView> {
  const policies = familyPoliciesFor(actor, scope);
  const isProfessional = actor.kind === 'professional';
  const mayRead = (item: SharedItem) => can(actor, 'item.read', { kind: 'item', family: scope, item });

  const people = await loadPeople([
    ...family.team.map((membership) => membership.professionalId),
    ...family.strataHistory.map((change) => change.authorId),
    ...family.indicators.map((indicator) => indicator.recordedBy),
    ...family.services.map((service) => service.deliveredBy),
    ...family.consents.map((consent) => consent.throughUserId),
    family.screening?.recordedBy,
    family.entryPoint?.byUserId,
  ]);
  const memberNames = new Map(family.members.map((member) => [String(member._id), member.displayName]));
  const phase = computePhase({ dueDate: family.dueDate, birthDate: family.birthDate }, today);
  const ownMemberId = actor.kind === 'familyMember' ? actor.memberId : null;

  const view: FamilyView = {
    id: String(family._id),
    label: family.label,
    dueDate: calendarDate(family.dueDate),
    birthDate: calendarDate(family.birthDate),
    version: versionOf(family.lastChange),
    phase: phase?.phase ?? null,
    dayOf1000: phase?.dayOf1000 ?? null,
    gestationalWeeks: phase?.gestationalWeeks ?? null,
    // A family member sees their own entry only: the others' details are theirs to share.
    members: family.members
      .filter((member) => isProfessional || String(member._id) === ownMemberId)
      .map((member) => ({
        id: String(member._id),
        displayName: member.displayName,
        role: member.role,
        birthDate: calendarDate(member.birthDate),
        preferredLanguage: member.preferredLanguage,
        interpreterNeeded: member.interpreterNeeded,
      })),
    team: family.team
      .filter((membership) =>
        isProfessional
          ? true
          : !membership.endedAt && mayRead(membershipItem(family, membership.hiddenFromMemberIds)),
      )
      .map((membership) => {
        const person = people.get(String(membership.professionalId));
        return {
          professionalId: String(membership.professionalId),
          displayName: person?.displayName ?? '—',
          profession: person?.profession ?? '',
          healthRole: person?.healthRole ?? 'B',
          organisationName: person?.organisationName ?? '',
          functions: [...membership.functions],
          joinedAt: membership.joinedAt.toISOString(),
          endedAt: membership.endedAt?.toISOString() ?? null,
          ...(isProfessional ? { hiddenFromMemberIds: membership.hiddenFromMemberIds.map(String) } : {}),
        };
      }),
    indicators: family.indicators
      .filter((indicator) =>
        mayRead({
          category: indicator.category,
          sharedWithMemberIds: indicator.sharedWithMemberIds.map(String),
          aboutMemberId: indicator.aboutMemberId ? String(indicator.aboutMemberId) : null,
          authorId: String(indicator.recordedBy),
        }),
      )
      .map((indicator) => ({
        id: String(indicator._id),
        key: indicator.key,
        category: indicator.category,
        aboutMemberId:
          indicator.aboutMemberId && (isProfessional || String(indicator.aboutMemberId) === ownMemberId)
            ? String(indicator.aboutMemberId)
            : null,
        note: indicator.note ?? null,
        recordedBy: personRef(people, indicator.recordedBy),
        recordedAt: indicator.recordedAt.toISOString(),
        ...(isProfessional ? { sharedWithMemberIds: indicator.sharedWithMemberIds.map(String) } : {}),
      })),
    consents: family.consents
      .filter((consent) => isProfessional || String(consent.memberId) === ownMemberId)
      .map((consent) => ({
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
    view.services = family.services.map((service) => ({
      service: service.service,
      at: calendarDate(service.at) ?? '',
      deliveredBy: personRef(people, service.deliveredBy),
      note: service.note ?? null,
    }));
  }
  return view;
}
