import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { MemberData } from '@concerto/shared';
import { memberDataLabels } from '../../server/src/interop/memberDataLabels.ts';
import { renderMemberDataPdf } from '../../server/src/interop/memberDataPdf.ts';

const require = createRequire(import.meta.url);
// fontkit comes with pdfkit: the same font engine that lays the PDF's text out.
const fontkit = require('fontkit') as {
  openSync(path: string): { hasGlyphForCodePoint(codePoint: number): boolean };
};

const names = [
  'Fatıma Çağlayan',
  'İsmail Şükrü Öztürk',
  'فاطمة الزهراء',
  'Hélène Lefèvre-Œuvray',
  'Zoë Naïma',
];

function sample(displayName: string): MemberData {
  return {
    generatedAt: '2026-12-06T10:00:00.000Z',
    file: { label: 'Famille Ç.', dueDate: null, birthDate: '2024-11-01', closure: null },
    me: {
      displayName,
      role: 'pregnantPerson',
      birthDate: null,
      preferredLanguage: 'ar',
      interpreterNeeded: true,
    },
    consents: [{ scope: 'teamSharing', granted: true, at: '2026-01-02T00:00:00.000Z' }],
    team: [
      {
        displayName: 'Dr Marc Dubois',
        profession: 'Médecin généraliste',
        organisationName: 'Maison médicale',
        functions: ['referent'],
        joinedAt: '2026-01-02T00:00:00.000Z',
        endedAt: null,
      },
    ],
    functions: [],
    sharedWithMe: [
      {
        key: 'housing',
        category: 'social',
        note: 'Logement humide à Schaerbeek',
        recordedAt: '2026-01-02T00:00:00.000Z',
      },
    ],
    plan: {
      needs: ['Trouver une crèche'],
      goals: [],
      actions: [{ what: 'Appeler le CPAS', status: 'todo', dueDate: null }],
    },
    concertations: [],
    decisions: [],
    referrals: [],
    contacts: [],
    requests: [],
    documents: [
      {
        name: 'Lettre de sortie – maternité.pdf',
        contentType: 'application/pdf',
        size: 2048,
        addedAt: '2026-01-03T00:00:00.000Z',
        downloadPath: '/api/families/x/attachments/y',
      },
    ],
    generalPractitioner: { name: 'Dr Anne Lenoir', practice: '', phone: '', globalMedicalRecord: 'yes' },
  };
}

describe('the member data PDF', () => {
  it('embeds a font that has a glyph for every letter of French, Turkish and Arabic names', () => {
    const font = fontkit.openSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
    for (const name of names)
      for (const character of name.replace(/\s/g, ''))
        expect(font.hasGlyphForCodePoint(character.codePointAt(0)!), `${name}: ${character}`).toBe(true);
  });

  it('renders a PDF for each name in each language of the family screens, with the font embedded', async () => {
    const cases = [
      ...names.map((name) => [name, 'ar'] as const),
      ...['fr', 'nl', 'en', 'tr'].map((language) => [names[2]!, language] as const),
    ];
    for (const [name, language] of cases) {
      const pdf = await renderMemberDataPdf(sample(name), memberDataLabels(language));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
      expect(pdf.toString('latin1')).toContain(`/Lang (${memberDataLabels(language).locale})`);
      expect(pdf.length).toBeGreaterThan(5000);
    }
  }, 30_000);
});
