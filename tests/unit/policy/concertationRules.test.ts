import { describe, expect, it } from 'vitest';
import { mayOrganiseConcertation } from '@concerto/shared';

const base = {
  firstContactId: 'first',
  coordinatorIds: [] as string[],
  teamIds: ['first', 'coordinator', 'other'],
};

describe('mayOrganiseConcertation()', () => {
  it('lets whoever first met the family organise the first concertation, not the others', () => {
    expect(mayOrganiseConcertation({ ...base, actorId: 'first', previousConcertations: 0 })).toBe(true);
    expect(mayOrganiseConcertation({ ...base, actorId: 'other', previousConcertations: 0 })).toBe(false);
  });

  it('hands later concertations to the coordinator', () => {
    const facts = { ...base, coordinatorIds: ['coordinator'], previousConcertations: 1 };
    expect(mayOrganiseConcertation({ ...facts, actorId: 'coordinator' })).toBe(true);
    expect(mayOrganiseConcertation({ ...facts, actorId: 'first' })).toBe(false);
  });

  it('lets the referent organise later concertations too, with or without a coordinator', () => {
    const team = {
      ...base,
      teamIds: ['first', 'coordinator', 'referent', 'other'],
      previousConcertations: 1,
    };
    const withBoth = { ...team, coordinatorIds: ['coordinator'], referentIds: ['referent'] };
    expect(mayOrganiseConcertation({ ...withBoth, actorId: 'referent' })).toBe(true);
    expect(mayOrganiseConcertation({ ...withBoth, actorId: 'other' })).toBe(false);
    const referentOnly = { ...team, referentIds: ['referent'] };
    expect(mayOrganiseConcertation({ ...referentOnly, actorId: 'referent' })).toBe(true);
    expect(mayOrganiseConcertation({ ...referentOnly, actorId: 'first' })).toBe(false);
  });

  it('never leaves a family without an organiser, and never lets someone off the team organise', () => {
    expect(
      mayOrganiseConcertation({
        ...base,
        firstContactId: 'gone',
        actorId: 'other',
        previousConcertations: 0,
      }),
    ).toBe(true);
    expect(mayOrganiseConcertation({ ...base, actorId: 'outsider', previousConcertations: 0 })).toBe(false);
    expect(
      mayOrganiseConcertation({
        ...base,
        coordinatorIds: ['gone'],
        firstContactId: 'gone',
        actorId: 'other',
        previousConcertations: 2,
      }),
    ).toBe(true);
  });
});
