/**
 * Small-count suppression of the network figures: no family may be re-identified from a table. A count
 * from 1 to 4 is never shown (primary suppression), and where a shown total would give a hidden count back
 * by subtraction, another count of the same line is hidden too (complementary suppression).
 */

/** Counts below this are never shown (0 is shown: it names nobody). */
export const minimumShownCount = 5;

/** A count as it may leave the server: the number, or null when it is hidden. */
export type ShownCount = number | null;

/** A table of counts after suppression: cells by row and column, with the totals of rows, columns and all. */
export interface SuppressedTable {
  cells: ShownCount[][];
  /** The total of each row; null when hidden. Absent for a one-column table (the row is its own total). */
  rowTotals: ShownCount[] | null;
  columnTotals: ShownCount[];
  total: ShownCount;
}

/** One entry of the table, addressed so that lines can name the same entry twice. */
interface Entry {
  value: number;
  hidden: boolean;
}

const isSmall = (count: number) => count > 0 && count < minimumShownCount;
const entry = (value: number): Entry => ({ value, hidden: isSmall(value) });
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * In a line whose entries add up (cells and their total), exactly one hidden entry is given back by
 * subtraction: hide the smallest other positive entry too, or a zero when the line has no other.
 */
function protectLine(line: readonly Entry[]): boolean {
  if (line.filter((item) => item.hidden).length !== 1) return false;
  const shown = line.filter((item) => !item.hidden);
  const positive = shown.filter((item) => item.value > 0).sort((first, second) => first.value - second.value);
  const chosen = positive[0] ?? shown[0];
  if (!chosen) return false;
  chosen.hidden = true;
  return true;
}

/**
 * Suppresses a table of counts (rows x columns, every row the same length). Repeats until no line of
 * the table (each row with its total, each column with its total, the totals with the grand total) has
 * exactly one hidden entry, so no hidden count follows from the shown ones by one subtraction.
 */
export function suppressSmallCounts(counts: readonly (readonly number[])[]): SuppressedTable {
  const columnCount = counts[0]?.length ?? 0;
  if (counts.some((row) => row.length !== columnCount)) throw new Error('every row needs the same columns');
  const cells = counts.map((row) => row.map(entry));
  const hasRowTotals = columnCount > 1;
  const rowTotals = counts.map((row) => entry(sum(row)));
  const total = entry(sum(counts.map(sum)));
  // A one-column table's column total is its grand total: one entry, so both are hidden together.
  const columnTotals =
    columnCount === 1
      ? [total]
      : Array.from({ length: columnCount }, (_, column) => entry(sum(counts.map((row) => row[column]!))));
  const lines: Entry[][] = [];
  for (let column = 0; column < columnCount; column += 1)
    lines.push([...cells.map((row) => row[column]!), columnTotals[column]!]);
  if (hasRowTotals) {
    cells.forEach((row, index) => lines.push([...row, rowTotals[index]!]));
    lines.push([...columnTotals, total]);
    lines.push([...rowTotals, total]);
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) changed = protectLine(line) || changed;
  }
  const shown = (item: Entry): ShownCount => (item.hidden ? null : item.value);
  return {
    cells: cells.map((row) => row.map(shown)),
    rowTotals: hasRowTotals ? rowTotals.map(shown) : null,
    columnTotals: columnTotals.map(shown),
    total: shown(total),
  };
}
