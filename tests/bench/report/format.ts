/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 10 ? value.toFixed(1) : value.toFixed(0);
}

/** Bytes as B, KB or MB (powers of 1024). */
export function bytes(value: number): string {
  const size = Math.abs(value);
  if (size >= 1024 * 1024) return `${(value / 1024 / 1024).toFixed(1)} MB`;
  if (size >= 1024) return `${(value / 1024).toFixed(1)} KB`;
  return `${Math.round(value)} B`;
}

/** A ratio such as `1.23x`. */
export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a';
}

/** A whole number with thousands separators. */
export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** `PASS` or `MISS` next to the target it was compared with. */
export function verdict(met: boolean, target: string): string {
  return `${met ? 'PASS' : 'MISS'} (target ${target})`;
}

/** Prints rows as aligned columns. */
export function printTable(rows: readonly (readonly string[])[]): void {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  for (const row of rows)
    console.log(
      `  ${row
        .map((cell, index) => cell.padEnd(widths[index] ?? 0))
        .join('   ')
        .trimEnd()}`,
    );
}
