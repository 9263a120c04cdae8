type Waiting<V> = { resolve: (value: V) => void; reject: (error: unknown) => void }[];

/**
 * How long a query may hold the way before the next one goes anyway: a query the database never answers
 * (see `storeDeadline.ts`) must not stop every later read; its callers still wait for its own outcome.
 */
export const turnReadsQueryHoldMs = 250;

/**
 * Reads asked for while the database is busy with the previous one, made together: a burst of connections
 * (a meeting starting, an instance restarting and its clients coming back) costs the database one query
 * per round trip instead of one per caller, and a key asked for several times meanwhile is read once.
 * One query is in flight at a time; keys asked for meanwhile wait for it, then go in the next query.
 * Nothing is cached: every answer is read after it was asked (a key asked while a query holding it is in
 * flight is read again).
 */
export class TurnReads<V> {
  private asked = new Map<string, Waiting<V>>();
  private scheduled = false;
  private inFlight = false;

  /** `readAll` reads every key asked for in one query and says what each one holds. */
  constructor(
    private readonly readAll: (keys: string[]) => Promise<(key: string) => V>,
    private readonly holdMs = turnReadsQueryHoldMs,
  ) {}

  /** What `key` holds, read with the other keys asked for in the same turn or while the last query ran. */
  read(key: string): Promise<V> {
    return new Promise((resolve, reject) => {
      const waiting = this.asked.get(key);
      if (waiting) return void waiting.push({ resolve, reject });
      this.asked.set(key, [{ resolve, reject }]);
      this.schedule();
    });
  }

  /** The next query goes at the end of this turn, unless one is in flight (it goes when that one is done). */
  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.readAsked();
    });
  }

  private async readAsked(): Promise<void> {
    const asked = this.asked;
    if (asked.size === 0) return;
    this.asked = new Map();
    this.inFlight = true;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(hold);
      this.inFlight = false;
      if (this.asked.size > 0) this.schedule();
    };
    const hold = setTimeout(release, this.holdMs).unref();
    try {
      const valueOf = await this.readAll([...asked.keys()]);
      for (const [key, waiting] of asked) {
        const value = valueOf(key);
        for (const { resolve } of waiting) resolve(value);
      }
    } catch (error) {
      for (const waiting of asked.values()) for (const { reject } of waiting) reject(error);
    } finally {
      release();
    }
  }
}
