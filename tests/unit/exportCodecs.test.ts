import { describe, expect, it } from 'vitest';
import { neutraliseFormula, readDirectoryCsv, toCsv } from '../../server/src/commands/directoryCsv.ts';
import { foldLine } from '../../server/src/presenters/calendarPresenter.ts';

const entry = (overrides: Record<string, string>) => ({
  name: 'Service',
  kind: 'other',
  offer: '',
  languages: ['fr'],
  cost: 'free',
  bassin: 'bruxellesNord',
  address: '',
  phone: '',
  email: '',
  website: '',
  openingHours: '',
  ...overrides,
});

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const formula of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1'])
      expect(neutraliseFormula(formula)).toBe(`'${formula}`);
    const csv = toCsv([entry({ name: '=cmd|"/c calc"!A1', phone: '+32 2 555 01 01' })]);
    const lines = csv.split('\r\n');
    expect(lines[1]).toMatch(/^"'=cmd\|""\/c calc""!A1",/);
    expect(lines[1]).toContain("'+32 2 555 01 01");
    expect(lines[1]).not.toMatch(/(^|,)[=+\-@]/);
  });

  it('reads its own export back unchanged', () => {
    const csv = toCsv([
      entry({ name: '=Maison', phone: '+32 2 555 01 01', offer: 'Écoute, soutien; suivi' }),
    ]);
    const [row] = readDirectoryCsv(csv);
    expect(row && 'entry' in row && row.entry.name).toBe('=Maison');
    expect(row && 'entry' in row && row.entry.phone).toBe('+32 2 555 01 01');
  });
});

describe('CSV import', () => {
  const header = 'name,kind,cost,bassin,phone';

  it('numbers lines as a spreadsheet does: blank lines and multi-line cells counted', () => {
    const csv = `\uFEFF${header}\r\n"Maison\nVerte",other,free,bruxellesNord,\r\n\r\nLa Ruche,other,nope,bruxellesNord,\n`;
    const rows = readDirectoryCsv(csv);
    expect(rows[0]).toMatchObject({ line: 2, entry: { name: 'Maison\nVerte' } });
    expect(rows[1]).toMatchObject({ line: 5, problems: [expect.stringContaining('cost')] });
  });

  it('reads a file saved with ";" by a Belgian spreadsheet, quotes and neutralised formulas included', () => {
    const csv = `name;kind;cost;bassin;phone\n"Écoute; soutien";other;free;bruxellesNord;'+32 2 555 01 01\n`;
    const [row] = readDirectoryCsv(csv);
    expect(row).toMatchObject({ line: 2, entry: { name: 'Écoute; soutien', phone: '+32 2 555 01 01' } });
  });

  it('says which line breaks the file when a quote is never closed, instead of guessing', () => {
    const rows = readDirectoryCsv(`${header}\nLa Ruche,other,free,bruxellesNord,\n"Maison,other,free\n`);
    expect(rows).toEqual([{ line: 3, problems: [expect.stringMatching(/^unclosed quote/)] }]);
  });
});

describe('ICS line folding', () => {
  const octets = (text: string) => Buffer.byteLength(text);

  it('folds at 75 octets without splitting a UTF-8 character, and unfolds to the original', () => {
    for (const text of ['é'.repeat(100), '€'.repeat(60), '🎉'.repeat(50), `SUMMARY:${'aé€🎉'.repeat(30)}`]) {
      const folded = foldLine(text);
      const lines = folded.split('\r\n');
      for (const line of lines) {
        expect(octets(line)).toBeLessThanOrEqual(75);
        // A character cut in two would leave a lone surrogate, which encodes as U+FFFD.
        expect(Buffer.from(line).toString()).toBe(line);
      }
      expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
      expect(folded.replace(/\r\n /g, '')).toBe(text);
    }
  });

  it('leaves a short line alone', () => {
    expect(foldLine('SUMMARY:Concertation')).toBe('SUMMARY:Concertation');
  });
});
