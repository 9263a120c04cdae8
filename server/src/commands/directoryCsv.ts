import { parse, CsvError } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
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

/** Writes entries as CSV (RFC 4180, comma-separated, languages joined with "|", formula cells neutralised). */
export function toCsv(entries: Record<(typeof csvColumns)[number], string | string[]>[]): string {
  const rows = entries.map((entry) =>
    csvColumns.map((column) => {
      const value = entry[column];
      return neutraliseFormula(Array.isArray(value) ? value.join('|') : String(value ?? ''));
    }),
  );
  // Quote fields with ";" too: Belgian spreadsheets often read ";" as the separator.
  return stringify([[...csvColumns], ...rows], { record_delimiter: 'windows', quoted_match: ';' });
}

/** One CSV record and the line of the file where it starts (as a spreadsheet numbers it). */
export interface CsvRow {
  line: number;
  fields: string[];
}

const lineBreak = /\r\n|\n|\r/g;

/**
 * Splits CSV text into rows of fields, honouring quotes; accepts ";" as separator when the header uses it
 * (as spreadsheets in Belgium often write). Blank lines are skipped but still counted. A file that ends
 * inside a quoted field throws csv-parse's `CsvError`.
 */
export function parseCsv(text: string): CsvRow[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const separator = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  // csv-parse's types do not follow `info` and `raw`, which wrap each record with its position and text.
  const records = parse(text, {
    bom: true,
    delimiter: separator,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    info: true,
    raw: true,
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  return records.flatMap(({ record, info, raw }) => {
    if (!record.some((value) => value.trim())) return [];
    // csv-parse counts lines up to the record's end; a quoted field may span several lines.
    const breaksInside = raw.replace(/(\r\n|\n|\r)$/, '').match(lineBreak)?.length ?? 0;
    return [{ line: info.lines - breaksInside, fields: record }];
  });
}

/** One imported line: the entry it gives, or what is wrong with it (line numbers as a spreadsheet shows them). */
export type ImportedRow =
  { line: number; entry: z.output<typeof DirectoryEntryInputSchema> } | { line: number; problems: string[] };

/** Reads a CSV file of services; every line is validated like an entry created through the API. */
export function readDirectoryCsv(text: string): ImportedRow[] {
  let parsedRows: CsvRow[];
  try {
    parsedRows = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The only error left with relaxed column counts: the file ends inside a quoted field.
    const line = (error as CsvError & { lines?: number }).lines ?? 1;
    return [{ line, problems: [`unclosed quote: ${error.message}`] }];
  }
  const [header, ...rows] = parsedRows;
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
