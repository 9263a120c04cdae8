import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { readPlan } from '@concerto/shared';
import { PlanActionModel } from '../models/planAction.ts';
import type { PlanNotifier } from '../notifications/planNotifier.ts';
import type { SharedDocument } from './sharedDocument.ts';

/** Projects the structured actions of a shared plan document into MongoDB after its updates are stored. */
export class PlanProjector {
  private readonly scheduled = new Map<string, NodeJS.Timeout>();
  /** The newest instance of each document: one unloaded and loaded again is a new object. */
  private readonly latest = new Map<string, { document: SharedDocument; familyId: string }>();
  /** Projections being written, awaited by a shutdown before the database closes. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly logger: Logger,
    private readonly delayMs = 300,
    /** Told what each projection replaced (the plan's notifications listen here). */
    private readonly notifier: PlanNotifier | null = null,
  ) {}

  /** Projects `document` soon (coalescing bursts of edits into one write of its newest state). */
  schedule(document: SharedDocument, familyId: string): void {
    this.latest.set(document.name, { document, familyId });
    if (this.scheduled.has(document.name)) return;
    const timer = setTimeout(() => {
      this.scheduled.delete(document.name);
      const newest = this.latest.get(document.name);
      this.latest.delete(document.name);
      if (!newest) return;
      const projecting = this.project(newest.document, newest.familyId)
        .catch((error: unknown) =>
          this.logger.warn({ err: error, doc: document.name }, 'plan projection failed'),
        )
        .finally(() => this.inFlight.delete(projecting));
      this.inFlight.add(projecting);
    }, this.delayMs);
    timer.unref();
    this.scheduled.set(document.name, timer);
  }

  /** Projects a document now if a projection of it is pending (before it is unloaded from memory). */
  async projectPending(document: SharedDocument): Promise<void> {
    const timer = this.scheduled.get(document.name);
    const newest = this.latest.get(document.name);
    if (!timer || !newest || newest.document !== document) return;
    clearTimeout(timer);
    this.scheduled.delete(document.name);
    this.latest.delete(document.name);
    await this.project(document, newest.familyId);
  }

  /** Replaces the projection of one plan with what its document says now. */
  async project(document: SharedDocument, familyId: string): Promise<void> {
    const { actions, needs } = readPlan(document.doc);
    const needText = new Map(needs.map((need) => [need.id, need.text]));
    const spaceId = new mongoose.Types.ObjectId(document.name);
    const now = new Date();
    const before = this.notifier ? await PlanActionModel.find({ spaceId }).lean() : [];
    await PlanActionModel.bulkWrite([
      ...actions.map((action) => ({
        replaceOne: {
          filter: { spaceId, actionId: action.id },
          replacement: {
            familyId: new mongoose.Types.ObjectId(familyId),
            spaceId,
            actionId: action.id,
            what: action.what || '—',
            ownerKind: action.owner?.kind ?? null,
            ownerId: action.owner?.id ?? null,
            ownerName: action.owner?.name ?? null,
            dueDate: action.dueDate,
            needId: action.needId,
            needText: (action.needId && needText.get(action.needId)) || null,
            status: action.status,
            priority: action.priority,
            answers: action.answers,
            templateKey: action.templateKey,
            updatedAt: now,
          },
          upsert: true,
        },
      })),
      {
        deleteMany: {
          filter: { spaceId, actionId: mongoose.trusted({ $nin: actions.map((action) => action.id) }) },
        },
      },
    ]);
    this.notifier?.projected(document.name, familyId, before, actions);
  }

  /**
   * Stops pending projections and waits for those being written (shutdown). A pending one is not lost:
   * every document was freed before, and `projectPending` wrote its projection then.
   */
  async close(): Promise<void> {
    for (const timer of this.scheduled.values()) clearTimeout(timer);
    this.scheduled.clear();
    this.latest.clear();
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }
}
