import { describe, expect, it } from 'vitest';
import {
  isRemindedOfReview,
  mayChangeIndicatorStatus,
  mayHoldClinicalObservations,
  mayReadAssessment,
  mayShareAssessment,
  reviewStateOf,
} from '@concerto/shared';
import { buildFamilyScope, eachIdentity, identities, ids, team } from './identities.ts';

const family = buildFamilyScope();
const closed = buildFamilyScope({ closed: true });
const sharedWithMother = { sharedWithMemberIds: [ids.mother], authorId: 'a1' };

describe('assessments: who reads, shares and holds clinical observations', () => {
  eachIdentity([...team, 'mother'], (identity, expected) => {
    it(`${identity} ${expected ? 'reads' : 'does not read'} an assessment shared with the mother`, () => {
      expect(mayReadAssessment(identities[identity], family, sharedWithMother)).toBe(expected);
    });
  });

  it('a member the assessment was not shared with (a partner to protect) never reads it', () => {
    expect(mayReadAssessment(identities.partner, family, sharedWithMother)).toBe(false);
    expect(
      mayReadAssessment(identities.mother, family, { ...sharedWithMother, sharedWithMemberIds: [] }),
    ).toBe(false);
  });

  eachIdentity(team, (identity, expected) => {
    it(`${identity} ${expected ? 'may' : 'may not'} choose who sees an assessment`, () => {
      expect(mayShareAssessment(identities[identity], family, sharedWithMother)).toBe(expected);
    });
  });

  eachIdentity(['roleAOnTeam', 'coordinatorA'], (identity, expected) => {
    it(`${identity} ${expected ? 'holds' : 'never holds'} clinical observations`, () => {
      expect(mayHoldClinicalObservations(identities[identity], family)).toBe(expected);
    });
  });

  it('a closed file is read, never shared again', () => {
    expect(mayReadAssessment(identities.roleBOnTeam, closed, sharedWithMother)).toBe(true);
    expect(mayShareAssessment(identities.roleAOnTeam, closed, sharedWithMother)).toBe(false);
  });
});

describe('indicator status: whoever records that kind of indicator', () => {
  const social = { category: 'social' as const, sharedWithMemberIds: [ids.mother], authorId: 'a1' };
  const medical = { category: 'medical' as const, sharedWithMemberIds: [ids.mother], authorId: 'a1' };

  eachIdentity(team, (identity, expected) => {
    it(`${identity} ${expected ? 'may' : 'may not'} mark a social indicator attenuated`, () => {
      expect(mayChangeIndicatorStatus(identities[identity], family, social)).toBe(expected);
    });
  });

  eachIdentity(['roleAOnTeam', 'coordinatorA'], (identity, expected) => {
    it(`${identity} ${expected ? 'may' : 'may not'} mark a medical indicator resolved`, () => {
      expect(mayChangeIndicatorStatus(identities[identity], family, medical)).toBe(expected);
    });
  });

  it('nobody changes a status on a closed file', () => {
    expect(mayChangeIndicatorStatus(identities.roleAOnTeam, closed, social)).toBe(false);
  });
});

describe('who "Mon travail" reminds of a re-assessment', () => {
  const withFunctions = (functions: Record<string, ('referent' | 'coordinator' | 'caseManager')[]>) =>
    buildFamilyScope({
      team: ['a1', 'b1', 'c1'].map((id) => ({ professionalId: id, functions: functions[id] ?? [] })),
    });

  it('the coordinator when there is one, not the referent', () => {
    const scope = withFunctions({ a1: ['referent'], c1: ['coordinator'] });
    expect(isRemindedOfReview(identities.coordinatorA, scope)).toBe(true);
    expect(isRemindedOfReview(identities.roleAOnTeam, scope)).toBe(false);
    expect(isRemindedOfReview(identities.roleBOnTeam, scope)).toBe(false);
  });

  it('a case manager leads like a coordinator', () => {
    const scope = withFunctions({ a1: ['referent'], b1: ['caseManager'] });
    expect(isRemindedOfReview(identities.roleBOnTeam, scope)).toBe(true);
    expect(isRemindedOfReview(identities.roleAOnTeam, scope)).toBe(false);
  });

  it('the referent without a coordinator; the whole team with neither; never a member or an outsider', () => {
    expect(isRemindedOfReview(identities.roleAOnTeam, withFunctions({ a1: ['referent'] }))).toBe(true);
    expect(isRemindedOfReview(identities.roleBOnTeam, withFunctions({ a1: ['referent'] }))).toBe(false);
    expect(isRemindedOfReview(identities.roleBOnTeam, withFunctions({}))).toBe(true);
    expect(isRemindedOfReview(identities.mother, withFunctions({}))).toBe(false);
    expect(isRemindedOfReview(identities.roleAOffTeam, withFunctions({}))).toBe(false);
  });
});

describe('reviewStateOf', () => {
  const today = new Date('2026-12-06T10:00:00Z');
  it('says planned, due within a week, overdue after the date', () => {
    expect(reviewStateOf(null, today)).toEqual({ state: 'none' });
    expect(reviewStateOf(new Date('2027-01-06'), today)).toEqual({ state: 'planned', days: 31 });
    expect(reviewStateOf(new Date('2026-12-13'), today)).toEqual({ state: 'due', days: 7 });
    expect(reviewStateOf(new Date('2026-12-06'), today)).toEqual({ state: 'due', days: 0 });
    expect(reviewStateOf(new Date('2026-12-01'), today)).toEqual({ state: 'overdue', days: -5 });
  });
});
