/**
 * Runs tasks at most `limit` at a time, the others waiting in order. Used for the background work every
 * document becomes due at the same moment when a meeting starts or an instance restarts (a compaction, an
 * automatic version): queued, it is spread over the next seconds instead of all landing in the same one,
 * beside the edits being relayed.
 */
export class FewAtOnce {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Runs `task` once fewer than `limit` others run (a finishing task hands its place to the next). */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
