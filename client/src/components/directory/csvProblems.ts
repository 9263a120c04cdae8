/** One problem of one line of an imported CSV, as the user reads it. */
export interface CsvProblem {
  line: string;
  column: string;
  /** i18n key of the explanation, or null to show the server's text as it is. */
  key: string | null;
  text: string;
}

/**
 * Reads the details of a refused import (`[{ path: 'line 3', message: 'kind: Invalid option…; bassin: …' }]`)
 * into one problem per column, so the user sees which line and which column to fix.
 */
export function csvProblems(details: unknown): CsvProblem[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((detail: { path?: unknown; message?: unknown }) => {
    const line = String(detail.path ?? '').replace(/^line\s*/, '');
    return String(detail.message ?? '')
      .split('; ')
      .filter(Boolean)
      .map((problem) => {
        const missing = /^missing column (\w+)/.exec(problem);
        if (missing) return { line, column: missing[1]!, key: 'continuity.csv.missingColumn', text: problem };
        if (problem.startsWith('unclosed quote'))
          return { line, column: '"', key: 'continuity.csv.unclosedQuote', text: problem };
        const [column = '', ...rest] = problem.split(': ');
        const text = rest.join(': ');
        const key = text.startsWith('Invalid option')
          ? 'continuity.csv.unknownValue'
          : /expected .* received undefined|Too small/.test(text)
            ? 'continuity.csv.required'
            : /Invalid (email|URL)|Invalid string/i.test(text)
              ? 'continuity.csv.badFormat'
              : null;
        return { line, column, key, text };
      });
  });
}
