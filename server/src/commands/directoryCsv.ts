import { DirectoryEntryInputSchema } from '@concerto/shared';
import type { z } from 'zod';

/** Columns of the directory's CSV, in order (import and export use the same). */
export const csvColumns = [
  'name',
  'kind',
  'offer',
  'languages',
  'cost',
  'bassin',
  'address',
  'phone',
  'email',
  'website',
  'openingHours',
] as const;

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
const formulaStart = /^[=+\-@\t\r]/;

/** Makes a cell inert for spreadsheets: a leading `'` before a formula character (removed again on import). */
export function neutraliseFormula(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** The value a neutralised cell stood for. */
function restoreFormula(value: string): string {
  return value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value;
}

function quote(value: string): string {
  const inert = neutraliseFormula(value);
  return /[",\n\r;]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** Writes entries as CSV (RFC 4180, comma-separated, languages joined with "|", formula cells neutralised). */
export function toCsv(entries: Record<(typeof csvColumns)[number], string | string[]>[]): string {
  const rows = entries.map((entry) =>
    csvColumns
      .map((column) =>
        quote(
          Array.isArray(entry[column]) ? (entry[column] as string[]).join('|') : String(entry[column] ?? ''),
        ),
      )
      .join(','),
  );
  return [csvColumns.join(','), ...rows].join('\r\n') + '\r\n';
}

/** One CSV record and the line of the file where it starts (as a spreadsheet numbers it). */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Splits CSV text into rows of fields, honouring quotes (also accepts ";" as separator, as spreadsheets in Belgium often write). */
export function parseCsv(text: string): CsvRow[] {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/)[0] ?? '';
  const separator = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  const rows: CsvRow[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  // Physical lines: a quoted field may span several, and blank lines are skipped but still counted.
  let line = 1;
  let rowStart = 1;
  for (let index = 0; index < clean.length; index += 1) {
    const char = clean[index]!;
    if (quoted) {
      if (char === '\n') line += 1;
      if (char === '"' && clean[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && clean[index + 1] === '\n') index += 1;
      row.push(field);
      if (row.some((value) => value.trim())) rows.push({ line: rowStart, fields: row });
      row = [];
      field = '';
      line += 1;
      rowStart = line;
    } else field += char;
  }
  row.push(field);
  if (row.some((value) => value.trim())) rows.push({ line: rowStart, fields: row });
  return rows;
}

/** One imported line: the entry it gives, or what is wrong with it (line numbers as a spreadsheet shows them). */
export type ImportedRow =
  { line: number; entry: z.output<typeof DirectoryEntryInputSchema> } | { line: number; problems: string[] };

/** Reads a CSV file of services; every line is validated like an entry created through the API. */
export function readDirectoryCsv(text: string): ImportedRow[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const columns = header.fields.map((name) => name.trim());
  const missing = csvColumns.filter(
    (column) => ['name', 'kind', 'cost', 'bassin'].includes(column) && !columns.includes(column),
  );
  if (missing.length) return [{ line: 1, problems: missing.map((column) => `missing column ${column}`) }];
  return rows.map(({ line, fields: values }) => {
    const record: Record<string, unknown> = {};
    columns.forEach((column, position) => {
      if (!(csvColumns as readonly string[]).includes(column)) return;
      const value = restoreFormula((values[position] ?? '').trim());
      if (column === 'languages')
        record.languages = value
          ? value
              .split(/[|,\s]+/)
              .filter(Boolean)
              .map((code) => code.toLowerCase())
          : undefined;
      else if (value) record[column] = value;
    });
    const parsed = DirectoryEntryInputSchema.safeParse(record);
    return parsed.success
      ? { line, entry: parsed.data }
      : {
          line,
          problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
        };
  });
}
