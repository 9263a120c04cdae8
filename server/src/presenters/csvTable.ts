import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../commands/directoryCsv.ts';

/**
 * Writes a table as CSV for spreadsheets (RFC 4180, Windows line ends, a header row): every cell made
 * inert (no formula runs), and fields with ";" quoted, since Belgian spreadsheets often split on it.
 */
export function csvTable(
  columns: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = rows.map((row) => row.map((value) => neutraliseFormula(String(value))));
  return stringify([[...columns], ...cells], { record_delimiter: 'windows', quoted_match: ';' });
}

/** Sends CSV text as a download named `filename`. */
export function sendCsv(response: Response, filename: string, text: string): void {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  response.status(200).send(text);
}
