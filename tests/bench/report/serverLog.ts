/** The stand-in announces itself at every start; it is expected here and says nothing about the run. */
const expected = /MongoDB stand-in/;

/** Prints what the server logged at warn level or above during the run, most frequent messages first. */
export function printServerLog(output: string): void {
  const messages = new Map<string, number>();
  for (const line of output.split('\n')) {
    if (!line.trim() || expected.test(line)) continue;
    let message = line.trim();
    try {
      const entry = JSON.parse(line) as { msg?: string; level?: number; err?: { message?: string } };
      // The error's own message says why (the same warning can have several causes).
      const cause = entry.err?.message ? ` (${entry.err.message})` : '';
      message = `${entry.level === 40 ? 'warn' : 'error'}: ${entry.msg ?? line}${cause}`;
    } catch {
      // Not a pino line (e.g. a stack trace): shown as it is.
    }
    messages.set(message, (messages.get(message) ?? 0) + 1);
  }
  if (messages.size === 0) {
    console.log('  the server logged no warning or error');
    return;
  }
  for (const [message, times] of [...messages].sort((left, right) => right[1] - left[1]).slice(0, 10)) {
    console.log(`  ${times} x ${message.slice(0, 240)}`);
  }
}
