import mongoose from 'mongoose';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { SpaceModel } from '../models/space.ts';
import { SpaceEditorModel } from '../models/spaceEditor.ts';
import { SpaceVersionModel } from '../models/spaceVersion.ts';
import type { DocumentRegistry } from '../collab/documentRegistry.ts';
import type { SharedDocument } from '../collab/sharedDocument.ts';
import { FewAtOnce } from '../collab/fewAtOnce.ts';
import { maxStoredRecordBytes } from '../collab/updateStore.ts';

/** Automatic versions are kept at most this often while a space is edited. */
export const automaticVersionIntervalMs = 60 * 60 * 1000;

/** Why and under which name a version is kept. */
export interface VersionOccasion {
  reason: 'automatic' | 'named' | 'concertationOpened' | 'concertationClosed';
  name?: string;
  namedBy?: string;
  concertation?: { id: mongoose.Types.ObjectId; at: Date };
}

/**
 * Keeps the loaded document as it is now as a new version of its space, crediting everyone who edited
 * it since the previous version. Stored edits are flushed first, so their editors are on record. Network
 * notes (no family) keep no versions. Returns null when nothing was kept.
 */
export async function recordVersion(
  document: SharedDocument,
  occasion: VersionOccasion,
  logger?: Logger,
  /** The newest version's date when the caller has just read it (null: there is none). */
  knownPrevious?: { createdAt: Date } | null,
) {
  const space = await SpaceModel.findById(document.name, { familyId: 1 }).lean();
  if (!space?.familyId) return null;
  await document.flushEditors();
  const state = Y.encodeStateAsUpdate(document.doc);
  if (state.byteLength > maxStoredRecordBytes) {
    // Only a document stored before the size limit existed can get here.
    logger?.error({ doc: document.name, bytes: state.byteLength }, 'document too large to keep a version');
    return null;
  }
  const previous = knownPrevious !== undefined ? knownPrevious : await newestVersionOf(space._id);
  const editors = await SpaceEditorModel.find(
    {
      docName: document.name,
      ...(previous ? { lastEditAt: mongoose.trusted({ $gt: previous.createdAt }) } : {}),
    },
    { editorKey: 1, kind: 1, refId: 1, name: 1 },
  ).lean();
  return SpaceVersionModel.create({
    spaceId: space._id,
    familyId: space.familyId,
    createdAt: new Date(),
    reason: occasion.reason,
    name: occasion.name ?? null,
    namedBy: occasion.namedBy ?? null,
    concertationId: occasion.concertation?.id ?? null,
    concertationAt: occasion.concertation?.at ?? null,
    authors: editors.map(({ editorKey, kind, refId, name }) => ({ editorKey, kind, refId, name })),
    state: Buffer.from(state),
    stateVector: Buffer.from(Y.encodeStateVector(document.doc)),
  });
}

function newestVersionOf(spaceId: mongoose.Types.ObjectId | string) {
  return SpaceVersionModel.findOne({ spaceId }, { createdAt: 1 }).sort({ createdAt: -1 }).lean();
}

/** Keeps a version of the family's shared plan for a concertation (opened: as it was before; closed: after). */
export async function recordConcertationVersion(
  documents: DocumentRegistry,
  familyId: mongoose.Types.ObjectId,
  concertation: { _id: mongoose.Types.ObjectId; scheduledAt: Date },
  reason: 'concertationOpened' | 'concertationClosed',
): Promise<void> {
  const plan = await SpaceModel.findOne({ familyId, kind: 'sharedPlan' }, { _id: 1 }).lean();
  if (!plan) return;
  const document = await documents.open(String(plan._id));
  try {
    await recordVersion(document, {
      reason,
      concertation: { id: concertation._id, at: concertation.scheduledAt },
    });
  } finally {
    documents.release(document);
  }
}

/**
 * Automatic versions kept at the same time. When a meeting starts or an instance restarts, all its
 * documents flush for the first time together and each is due a version (a few reads and a write):
 * they queue instead of all running in the same second, beside the edits being relayed.
 */
export const automaticVersionsAtOnce = 4;

/**
 * Keeps an automatic version after a flush when the space's newest version is an hour old or more (or it
 * has none): at most one an hour while someone edits, none while nobody does.
 */
export class AutomaticVersions {
  private readonly lastAt = new Map<string, number>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly turns: FewAtOnce;

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = automaticVersionIntervalMs,
    atOnce = automaticVersionsAtOnce,
  ) {
    this.turns = new FewAtOnce(atOnce);
  }

  /** Called after each flush of `document`'s edits. */
  afterFlush(document: SharedDocument): void {
    if (this.running.has(document.name)) return;
    const known = this.lastAt.get(document.name);
    if (known !== undefined && Date.now() - known < this.intervalMs) return;
    const keeping = this.turns
      .run(() => this.keepIfDue(document))
      .catch((error: unknown) =>
        this.logger.warn({ err: error, doc: document.name }, 'automatic version failed'),
      )
      .finally(() => this.running.delete(document.name));
    this.running.set(document.name, keeping);
  }

  /** Resolves once the version being kept of `name`, if any, is stored (before its document is freed). */
  async settled(name: string): Promise<void> {
    await this.running.get(name);
  }

  /** Resolves once every version being kept is stored (shutdown, before the database closes). */
  async settleAll(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  private async keepIfDue(document: SharedDocument): Promise<void> {
    if (!mongoose.isValidObjectId(document.name)) return;
    const newest = await newestVersionOf(document.name);
    const last = newest?.createdAt.getTime() ?? -Infinity;
    if (Date.now() - last < this.intervalMs) {
      this.lastAt.set(document.name, last);
      return;
    }
    const kept = await recordVersion(document, { reason: 'automatic' }, this.logger, newest);
    this.lastAt.set(document.name, kept ? kept.createdAt.getTime() : Date.now());
  }
}
