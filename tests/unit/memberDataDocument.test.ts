import { describe, expect, it } from 'vitest';
import type { MemberData } from '@concerto/shared';
import { directionalRuns } from '../../server/src/interop/bidiRuns.ts';
import { memberDataLabels } from '../../server/src/interop/memberDataLabels.ts';
import { memberDataDocument } from '../../server/src/presenters/memberDataDocument.ts';

/** A member's record as the download reads it: one item of each kind. */
function buildMemberData(preferredLanguage: string): MemberData {
  return {
    generatedAt: '2026-12-06T10:00:00.000Z',
    file: { label: 'Famille Çağlayan', dueDate: '2026-03-12', birthDate: null, closure: null },
    me: {
      displayName: 'Fatma Çağlayan',
      role: 'pregnantPerson',
      birthDate: '1995-07-01',
      preferredLanguage,
      interpreterNeeded: true,
    },
    consents: [{ scope: 'concertation', granted: true, at: '2026-01-05T09:00:00.000Z' }],
    team: [
      {
        displayName: 'Sophie Sage-femme',
        profession: 'Sage-femme',
        organisationName: 'Maternité du Nord',
        functions: ['coordinator'],
        joinedAt: '2026-01-05T09:00:00.000Z',
        endedAt: null,
      },
    ],
    functions: [
      {
        function: 'coordinator',
        displayName: 'Sophie Sage-femme',
        start: '2026-01-05T09:00:00.000Z',
        end: null,
      },
    ],
    sharedWithMe: [
      { key: 'housing', category: 'social', note: 'Logement humide', recordedAt: '2026-01-06T09:00:00.000Z' },
    ],
    plan: {
      needs: ['Logement'],
      goals: [],
      actions: [{ what: 'Rendez-vous CPAS', status: 'todo', dueDate: '2026-02-01' }],
    },
    concertations: [{ scheduledAt: '2026-02-10T09:00:00.000Z', status: 'closed' }],
    decisions: [],
    referrals: [],
    contacts: [],
    requests: [],
  };
}

const textOf = (language: string) =>
  memberDataDocument(buildMemberData(language), memberDataLabels(language)).map((block) => block.text);

describe("the member's data download speaks her language", () => {
  it.each([
    [
      'fr',
      'Mes données dans Concerto',
      'Rôle dans la famille : Personne enceinte',
      'Participation aux concertations : oui (05/01/2026)',
      'Logement : Logement humide (06/01/2026)',
    ],
    [
      'nl',
      'Mijn gegevens in Concerto',
      'Rol in het gezin: Zwangere persoon',
      'Deelname aan het overleg: ja (5/1/2026)',
      'Huisvesting: Logement humide (6/1/2026)',
    ],
    [
      'en',
      'My data in Concerto',
      'Role in the family: Pregnant person',
      'Taking part in concertations: yes (05/01/2026)',
      'Housing: Logement humide (06/01/2026)',
    ],
    [
      'tr',
      "Concerto'daki verilerim",
      'Ailedeki rolü: Hamile kişi',
      'Danışma toplantısı: evet (05.01.2026)',
      'Logement: Logement humide (06.01.2026)',
    ],
  ])(
    'in %s: title, labels, names of roles, consents and indicators, and dates',
    (language, title, role, consent, indicator) => {
      const text = textOf(language);
      expect(text[0]).toBe(title);
      expect(text).toContain(role);
      expect(text).toContain(`• ${consent}`);
      expect(text).toContain(`• ${indicator}`);
    },
  );

  it('in Arabic, written right to left, with the French names of indicators as on her screens', () => {
    const labels = memberDataLabels('ar');
    expect(labels.rightToLeft).toBe(true);
    const text = textOf('ar');
    expect(text[0]).toBe('بياناتي في Concerto');
    expect(text).toContain('الدور في العائلة: الشخص الحامل');
    expect(text).toContain('• Logement: Logement humide (6/1/2026)');
  });

  it('falls back to French for a language the screens do not offer', () => {
    const german = textOf('de');
    expect(german[0]).toBe('Mes données dans Concerto');
    expect(german).toContain('Rôle dans la famille : Personne enceinte');
    expect(german).toContain('Langue : de (avec interprète)');
    expect(memberDataLabels('de').fileName).toBe('mes-donnees-concerto.pdf');
  });

  it('every language names the same sections', () => {
    const sections = (language: string) =>
      memberDataDocument(buildMemberData(language), memberDataLabels(language)).filter(
        (block) => block.kind === 'heading',
      ).length;
    for (const language of ['nl', 'en', 'ar', 'tr']) expect(sections(language)).toBe(sections('fr'));
  });
});

describe('lines mixing directions', () => {
  it('a right-to-left name in a French line is a run of its own', () => {
    expect(directionalRuns('Nom : فاطمة', false)).toEqual([
      { text: 'Nom : ', rightToLeft: false },
      { text: 'فاطمة', rightToLeft: true },
    ]);
  });

  it('an Arabic line keeps names and dates left to right, and mirrors its brackets', () => {
    expect(directionalRuns('الاسم: Fatma Çağlayan', true)).toEqual([
      { text: 'الاسم: ', rightToLeft: true },
      { text: 'Fatma Çağlayan', rightToLeft: false },
    ]);
    expect(directionalRuns('أُغلق الملف في 12/03/2026', true).at(-1)).toEqual({
      text: '12/03/2026',
      rightToLeft: false,
    });
    expect(directionalRuns('(مع مترجم)', true)).toEqual([{ text: ')مع مترجم(', rightToLeft: true }]);
    expect(directionalRuns('• Logement (06/01/2026)', true)).toEqual([
      { text: '• ', rightToLeft: true },
      { text: 'Logement (06/01/2026)', rightToLeft: false },
    ]);
  });
});
