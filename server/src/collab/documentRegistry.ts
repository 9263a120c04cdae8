import type { Logger } from 'pino';
import { isCanonicalId } from '@concerto/shared';
import { SharedDocument, type PersistenceOptions } from './sharedDocument.ts';
import type { UpdateStore } from './updateStore.ts';
import type { DocumentRelay } from './documentRelay.ts';

/** How long a shutdown waits for the database to take unsaved edits (within the 5 s stop deadline). */
const shutdownSaveWaitMs = 2500;

/**
 * The loaded documents. Concurrent first connections share one load; a document with no peers is
 * flushed and unloaded after `idleUnloadMs` (only once the database has taken all its edits), and a
 * connection arriving meanwhile waits for that to end.
 */
export class DocumentRegistry {
  private readonly loading = new Map<string, Promise<SharedDocument>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  /** Called once per newly loaded document (e.g. to attach the plan projection). */
  onLoaded: ((document: SharedDocument) => void) | null = null;

  constructor(
    private readonly store: UpdateStore,
    private readonly options: PersistenceOptions & { idleUnloadMs: number },
    private readonly logger: Logger,
    /** Carries loaded documents between instances (several instances over Redis); null when alone. */
    private readonly relay: DocumentRelay | null = null,
  ) {}

  /** The loaded document named `name`, loading it from the store once. */
  async open(name: string): Promise<SharedDocument> {
    // A document is named by its space id in one spelling: a variant would be a second, empty copy.
    if (!isCanonicalId(name)) throw new Error(`Not a canonical document name: ${JSON.stringify(name)}`);
    const timer = this.idleTimers.get(name);
    if (timer) {
      clearTimeout(timer);
      this.idleTimers.delete(name);
    }
    await this.unloading.get(name);
    let pending = this.loading.get(name);
    if (!pending) {
      pending = SharedDocument.load(name, this.store, this.options, this.logger).then((document) => {
        this.relay?.join(document);
        this.onLoaded?.(document);
        return document;
      });
      this.loading.set(name, pending);
      pending.catch(() => this.loading.delete(name));
    }
    return pending;
  }

  /** Documents in memory now. */
  async loaded(): Promise<SharedDocument[]> {
    return Promise.all(this.loading.values());
  }

  /** Called when a document loses a peer: schedules its unload once nobody is left. */
  release(document: SharedDocument): void {
    if (document.peers.size > 0 || this.idleTimers.has(document.name)) return;
    const timer = setTimeout(() => void this.unload(document), this.options.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(document.name, timer);
  }

  private async unload(document: SharedDocument): Promise<void> {
    this.idleTimers.delete(document.name);
    if (document.peers.size > 0 || this.loading.get(document.name) === undefined) return;
    this.loading.delete(document.name);
    this.relay?.leave(document);
    // Compacted as it leaves memory, so that the next cold load reads one snapshot.
    const unloading = document
      .destroy(Infinity, true)
      .catch((error: unknown) => this.logger.error({ err: error, doc: document.name }, 'unloading failed'));
    this.unloading.set(document.name, unloading);
    await unloading;
    this.logger.debug({ doc: document.name }, 'document unloaded');
    this.unloading.delete(document.name);
  }

  /** Flushes every loaded document (graceful shutdown, tests). */
  async flushAll(): Promise<void> {
    await Promise.all((await this.loaded()).map((document) => document.flush()));
  }

  /** Flushes and frees everything. */
  async close(): Promise<void> {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    const documents = await Promise.allSettled(this.loading.values());
    this.loading.clear();
    this.relay?.close();
    // Shutdown waits a moment for a database that is down; past that, the loss is logged loudly.
    await Promise.all(
      documents.map((result) =>
        result.status === 'fulfilled' ? result.value.destroy(shutdownSaveWaitMs) : undefined,
      ),
    );
  }
}
