import { describe, expect, it } from 'vitest';
import { minimumShownCount, suppressSmallCounts, type SuppressedTable } from '@concerto/shared';

/** Every way the shown numbers of a table let a reader solve one hidden count by subtraction. */
function revealedBySubtraction(table: SuppressedTable): string[] {
  const lines: { name: string; entries: (number | null)[] }[] = [];
  const columns = table.columnTotals.length;
  const columnTotal = (column: number) => (columns === 1 ? table.total : table.columnTotals[column]!);
  for (let column = 0; column < columns; column += 1)
    lines.push({
      name: `column ${column}`,
      entries: [...table.cells.map((row) => row[column]!), columnTotal(column)],
    });
  if (table.rowTotals) {
    table.cells.forEach((row, index) =>
      lines.push({ name: `row ${index}`, entries: [...row, table.rowTotals![index]!] }),
    );
    lines.push({ name: 'totals row', entries: [...table.columnTotals, table.total] });
    lines.push({ name: 'totals column', entries: [...table.rowTotals, table.total] });
  }
  return lines
    .filter((line) => line.entries.filter((entry) => entry === null).length === 1)
    .map((line) => line.name);
}

describe('small-count suppression', () => {
  it('shows counts of 5 and more, and zeros, as they are', () => {
    const table = suppressSmallCounts([[12], [0], [5]]);
    expect(table.cells).toEqual([[12], [0], [5]]);
    expect(table.total).toBe(17);
    expect(table.rowTotals).toBeNull();
    expect(minimumShownCount).toBe(5);
  });

  it('hides a count from 1 to 4, and the smallest other count so the total does not give it back', () => {
    const table = suppressSmallCounts([[12], [3], [7], [0]]);
    // 3 is under 5; with the total shown, 7 must go too, or 22 - 12 - 0 - 7 = 3.
    expect(table.cells).toEqual([[12], [null], [null], [0]]);
    expect(table.total).toBe(22);
    expect(revealedBySubtraction(table)).toEqual([]);
  });

  it('hides two small counts without hiding more: together they reveal neither', () => {
    const table = suppressSmallCounts([[20], [2], [4]]);
    expect(table.cells).toEqual([[20], [null], [null]]);
    expect(table.total).toBe(26);
  });

  it('hides the total when nothing else can protect a small count', () => {
    const table = suppressSmallCounts([[0], [3], [0]]);
    expect(table.cells).toEqual([[0], [null], [0]]);
    expect(table.total).toBeNull();
    expect(table.columnTotals).toEqual([null]);
  });

  it('a scope of very few families shows nothing but zeros', () => {
    const table = suppressSmallCounts([
      [1, 0],
      [0, 2],
    ]);
    expect(table.cells).toEqual([
      [null, 0],
      [0, null],
    ]);
    expect(table.total).toBeNull();
    expect(revealedBySubtraction(table)).toEqual([]);
  });

  it('in a two-way table, protects rows, columns and the totals until no line reveals a hidden count', () => {
    const counts = [
      [10, 3, 8],
      [6, 9, 12],
      [7, 0, 5],
      [2, 11, 6],
    ];
    const table = suppressSmallCounts(counts);
    expect(table.cells[0]![1]).toBeNull();
    expect(table.cells[3]![0]).toBeNull();
    expect(revealedBySubtraction(table)).toEqual([]);
    // What is shown is the truth.
    table.cells.forEach((row, rowIndex) =>
      row.forEach((cell, column) => cell === null || expect(cell).toBe(counts[rowIndex]![column])),
    );
    expect(table.total).toBe(79);
  });

  it('never leaves a total that, with the shown cells, gives back one hidden count (generated tables)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 300; round += 1) {
      const rows = 1 + Math.floor(random() * 5);
      const columns = 1 + Math.floor(random() * 4);
      const counts = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => Math.floor(random() * random() * 14)),
      );
      const table = suppressSmallCounts(counts);
      expect(revealedBySubtraction(table), JSON.stringify(counts)).toEqual([]);
      for (const row of table.cells)
        for (const cell of row) if (cell !== null) expect(cell === 0 || cell >= 5).toBe(true);
    }
  });

  it('refuses a ragged table', () => {
    expect(() => suppressSmallCounts([[1, 2], [3]])).toThrow(/same columns/);
  });
});
