import {
  functionsAnswering,
  refusalRepeated,
  selfCoordinationStrata,
  stratumNeedOf,
  type StratumNeeds,
} from '@concerto/shared';
import { StratumEventModel } from '../models/stratumEvent.ts';
import { stratumReviewsDue } from '../commands/stratumReviewer.ts';
import type { FamilyRepository } from '../policies/familyRepository.ts';
import { calendarDate } from './familyPresenter.ts';
import { loadPeople, personRef } from './people.ts';

/**
 * What the family's stratum needs and what answers it, its refusals, whether the family coordinates itself,
 * and whether a key moment calls for a review. The caller was checked for `family.strata.read`.
 */
export async function presentStratumNeeds(
  opened: FamilyRepository,
  today = new Date(),
): Promise<StratumNeeds> {
  const { family, scope } = opened;
  const stratum = family.stratum;
  const functionsHeld = scope.team.flatMap((membership) => membership.functions);
  const { need } = stratumNeedOf(stratum, functionsHeld);
  const [events, reviews] = await Promise.all([
    StratumEventModel.find({ familyId: family._id }).sort({ at: 1, recordedAt: 1 }).lean(),
    stratumReviewsDue([family], today),
  ]);
  const holders = functionsAnswering[need].flatMap((name) =>
    scope.team
      .filter((membership) => membership.functions.includes(name))
      .map((membership) => ({ function: name, professionalId: membership.professionalId })),
  );
  const people = await loadPeople([
    ...holders.map((holder) => holder.professionalId),
    ...events.map((event) => event.authorId),
  ]);
  const memberNames = new Map(family.members.map((member) => [String(member._id), member.displayName]));
  const refusals = events.filter((event) => event.kind === 'refusal');
  const lastSelf = events.filter((event) => event.kind === 'selfCoordination').at(-1);
  const possible = selfCoordinationStrata.includes(stratum);
  const review = reviews.get(String(family._id)) ?? null;
  return {
    stratum,
    need,
    answeredBy: holders.map((holder) => ({
      function: holder.function,
      professional: personRef(people, holder.professionalId),
    })),
    selfCoordination: {
      possible,
      on: possible && !!lastSelf?.on,
      since: possible && lastSelf?.on ? lastSelf.at.toISOString() : null,
      by: possible && lastSelf?.on ? personRef(people, lastSelf.authorId) : null,
    },
    refusals: refusals.map((refusal) => ({
      id: String(refusal._id),
      at: calendarDate(refusal.at) ?? '',
      member: refusal.memberId
        ? { id: String(refusal.memberId), displayName: memberNames.get(String(refusal.memberId)) ?? '—' }
        : null,
      what: refusal.what ?? '',
      explicit: !!refusal.explicit,
      note: refusal.note ?? null,
      author: personRef(people, refusal.authorId),
    })),
    refusalEstablished: refusalRepeated(
      refusals.map((refusal) => ({ at: refusal.at, explicit: !!refusal.explicit })),
    ),
    review: review ? { trigger: review.trigger, since: review.since.toISOString() } : null,
    confirmations: events
      .filter((event) => event.kind === 'review' && event.stratum)
      .map((event) => ({
        at: event.recordedAt.toISOString(),
        stratum: event.stratum!,
        note: event.note ?? null,
        author: personRef(people, event.authorId),
      })),
    policies: { record: opened.can('family.strata.change') },
  };
}
