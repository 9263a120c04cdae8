import { stringify } from 'csv-stringify/browser/esm/sync';
import type { FiguresView } from '@concerto/shared';

/** The words of the CSV, in the reader's language. */
export interface FiguresCsvLabels {
  headers: [
    scope: string,
    from: string,
    to: string,
    table: string,
    row: string,
    column: string,
    count: string,
  ];
  scope: string;
  total: string;
  hidden: string;
  table: (key: string) => string;
  row: (table: string, key: string) => string;
  column: (table: string, key: string) => string;
}

// A spreadsheet runs a cell that starts with one of these as a formula (an organisation's name could).
const formulaStart = /^[=+\-@\t\r]/;
const inert = (value: string) => (formulaStart.test(value) ? `'${value}` : value);

/**
 * The figures as one CSV: a line per count, totals included, hidden counts written as such (they never
 * reached the browser). A BOM lets spreadsheets read the accents; ";" is quoted for Belgian spreadsheets.
 */
export function figuresCsv(figures: FiguresView, labels: FiguresCsvLabels): string {
  const lines: string[][] = [];
  const add = (table: string, row: string, column: string, count: number | null) =>
    lines.push(
      [
        labels.scope,
        figures.from,
        figures.to,
        labels.table(table),
        row,
        column,
        count === null ? labels.hidden : String(count),
      ].map(inert),
    );
  for (const table of figures.tables) {
    const row = (key: string) => labels.row(table.key, key);
    const column = (key: string) => labels.column(table.key, key);
    table.rows.forEach((rowKey, rowIndex) => {
      table.columns.forEach((columnKey, columnIndex) =>
        add(table.key, row(rowKey), column(columnKey), table.cells[rowIndex]?.[columnIndex] ?? null),
      );
      if (table.rowTotals) add(table.key, row(rowKey), labels.total, table.rowTotals[rowIndex] ?? null);
    });
    table.columns.forEach((columnKey, columnIndex) =>
      add(table.key, labels.total, column(columnKey), table.columnTotals[columnIndex] ?? null),
    );
    if (table.rowTotals) add(table.key, labels.total, labels.total, table.total);
  }
  return `\uFEFF${stringify([labels.headers, ...lines], { record_delimiter: 'windows', quoted_match: ';' })}`;
}
