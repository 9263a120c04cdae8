type Waiting<V> = { resolve: (value: V) => void; reject: (error: unknown) => void }[];

/**
 * Reads asked for during one turn of the event loop, made together at the next: a burst of connections
 * (a meeting starting, an instance restarting and its clients coming back) costs the database one query
 * per turn instead of one per caller, and a key asked for several times in a turn is read once. Nothing
 * is cached: every answer is read after it was asked.
 */
export class TurnReads<V> {
  private asked = new Map<string, Waiting<V>>();

  /** `readAll` reads every key asked for in one query and says what each one holds. */
  constructor(private readonly readAll: (keys: string[]) => Promise<(key: string) => V>) {}

  /** What `key` holds, read at the next turn with the other keys asked for meanwhile. */
  read(key: string): Promise<V> {
    return new Promise((resolve, reject) => {
      const waiting = this.asked.get(key);
      if (waiting) return void waiting.push({ resolve, reject });
      if (this.asked.size === 0) setImmediate(() => void this.readAsked());
      this.asked.set(key, [{ resolve, reject }]);
    });
  }

  private async readAsked(): Promise<void> {
    const asked = this.asked;
    this.asked = new Map();
    try {
      const valueOf = await this.readAll([...asked.keys()]);
      for (const [key, waiting] of asked) {
        const value = valueOf(key);
        for (const { resolve } of waiting) resolve(value);
      }
    } catch (error) {
      for (const waiting of asked.values()) for (const { reject } of waiting) reject(error);
    }
  }
}
