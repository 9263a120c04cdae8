import { Worker } from 'node:worker_threads';
import type { StrengthAnswer, StrengthRequest } from './passwordStrengthWorker.ts';

/** An idle estimator thread ends after this long without a check, giving its memory back to the OS. */
export const strengthThreadIdleMs = 60_000;

// Node 24 strips the worker's types itself: a Worker does not inherit tsx (registered by start.mjs in the
// main thread only), and vitest's transform does not reach into a worker either, so the one way that loads
// under `npm start`, under vitest and in the production image alike is a type-strippable `.ts` entry.
const workerScript = new URL('./passwordStrengthWorker.ts', import.meta.url);

interface PendingCheck {
  resolve(score: number): void;
  reject(error: Error): void;
}

/**
 * Scores passwords with zxcvbn in a worker thread started on the first check, shared by later ones and
 * ended after `idleMs` without a check; if the thread dies, the checks it held fail and the next starts anew.
 */
export class PasswordStrengthThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, PendingCheck>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly idleMs = strengthThreadIdleMs,
    private readonly script: URL = workerScript,
  ) {}

  /** Whether a thread is running now (none before the first check, nor after the idle delay). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** The zxcvbn score (0-4) of `password`, with `personal` words (name, email) counted as guessable. */
  score(password: string, personal: string[]): Promise<number> {
    const worker = this.worker ?? this.start();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    // Held while a check is in flight, so that a script awaiting one is not cut short; let go when idle.
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, password, personal } satisfies StrengthRequest);
    });
  }

  /** Ends the thread now; checks still waiting for it fail. */
  async stop(): Promise<void> {
    await this.worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(this.script);
    worker.unref();
    worker.on('message', (answer: StrengthAnswer) => this.answered(answer));
    worker.on('error', (error) => this.ended(worker, error));
    worker.on('exit', (code) => this.ended(worker, new Error(`password strength thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private answered({ id, score }: StrengthAnswer): void {
    this.pending.get(id)?.resolve(score);
    this.pending.delete(id);
    if (this.pending.size > 0 || !this.worker) return;
    this.worker.unref();
    this.idleTimer = setTimeout(() => this.retire(), this.idleMs);
    this.idleTimer.unref();
  }

  /** Ends an idle thread; detached first, so that a check arriving meanwhile starts a new one. */
  private retire(): void {
    const worker = this.worker;
    this.worker = null;
    this.idleTimer = null;
    void worker?.terminate();
  }

  /** Fails the checks a dead thread held; the next check starts a new thread. */
  private ended(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const failed = [...this.pending.values()];
    this.pending.clear();
    for (const check of failed) check.reject(error);
  }
}
