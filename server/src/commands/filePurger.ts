import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { announceAccessChange } from '../collab/accessEvents.ts';
import { purgeAttachmentBytes } from '../db/attachmentBytes.ts';
import { inTransaction } from '../db/transaction.ts';
import { CollabUpdateModel } from '../models/collabUpdate.ts';
import { FamilyModel } from '../models/family.ts';
import { FamilyPurgeModel } from '../models/familyPurge.ts';
import { SessionModel } from '../models/session.ts';
import { SpaceModel } from '../models/space.ts';
// Every model that holds part of a file is registered before the purge looks them up by their fields.
import '../models/assessment.ts';
import '../models/attachment.ts';
import '../models/auditEntry.ts';
import '../models/closingSummary.ts';
import '../models/concertation.ts';
import '../models/contact.ts';
import '../models/decision.ts';
import '../models/flag.ts';
import '../models/functionAssignment.ts';
import '../models/generalPractitioner.ts';
import '../models/invitation.ts';
import '../models/keyMomentRecord.ts';
import '../models/planAction.ts';
import '../models/referral.ts';
import '../models/rightsRequest.ts';
import '../models/stratumEvent.ts';

/** How often the purge job looks for closed files whose retention has run out. */
export const purgeIntervalMs = 60 * 60 * 1000;

/**
 * Deletes one closed file in one transaction: the family, and every document of every collection that
 * names it (`familyId`) or one of its spaces (`spaceId`, the Yjs updates' `docName`), the members' and guests'
 * sessions; then leaves a purge record without personal data. Open connections are closed afterwards.
 */
export async function purgeFile(familyId: mongoose.Types.ObjectId, now = new Date()): Promise<void> {
  const spaceIds = (await SpaceModel.find({ familyId }, { _id: 1 }).lean()).map((space) => space._id);
  await inTransaction(async (session) => {
    const family = await FamilyModel.findById(familyId, { closure: 1 }).session(session).lean();
    if (!family?.closure) return;
    const deleted: Record<string, number> = {};
    const count = async (name: string, result: Promise<{ deletedCount?: number }>) => {
      deleted[name] = (deleted[name] ?? 0) + ((await result).deletedCount ?? 0);
    };
    for (const model of Object.values(mongoose.models)) {
      if (model === FamilyPurgeModel || model === FamilyModel) continue;
      if (model.schema.path('spaceId'))
        await count(
          model.modelName,
          model.deleteMany({ spaceId: mongoose.trusted({ $in: spaceIds }) }, { session }),
        );
      if (model.schema.path('familyId'))
        await count(model.modelName, model.deleteMany({ familyId }, { session }));
    }
    const documentNames = spaceIds.map(String);
    await count(
      'CollabUpdate',
      CollabUpdateModel.deleteMany({ docName: mongoose.trusted({ $in: documentNames }) }, { session }),
    );
    // Documents' bytes live in GridFS, outside any model: their files entries name the family.
    const bytes = await purgeAttachmentBytes(familyId, session);
    deleted.attachmentFiles = bytes.files;
    deleted.attachmentChunks = bytes.chunks;
    await count('Session', SessionModel.deleteMany({ 'familyMember.familyId': familyId }, { session }));
    await count('Session', SessionModel.deleteMany({ 'guest.familyId': familyId }, { session }));
    await count('Family', FamilyModel.deleteOne({ _id: familyId }, { session }));
    await FamilyPurgeModel.create(
      [
        {
          familyId,
          kind: family.closure.kind,
          closedAt: family.closure.at,
          closedBy: family.closure.byUserId,
          purgedAt: now,
          deleted,
        },
      ],
      { session },
    );
  });
  announceAccessChange({ kind: 'family', familyId: String(familyId) });
}

/** Purges every closed file whose retention period ended by `now`; returns how many were purged. */
export async function purgeExpiredFiles(now = new Date()): Promise<number> {
  const due = await FamilyModel.find(
    { 'closure.purgeAfter': mongoose.trusted({ $lte: now }) },
    { _id: 1 },
  ).lean();
  for (const family of due) await purgeFile(family._id, now);
  return due.length;
}

/** Runs the purge at start and then every hour; returns the function that stops it. */
export function startPurgeJob(logger: Logger, intervalMs = purgeIntervalMs): () => void {
  const run = () =>
    purgeExpiredFiles().then(
      (purged) => purged && logger.info({ purged }, 'closed files purged after their retention period'),
      (error: unknown) => logger.warn({ err: error }, 'purging closed files failed; retried at the next run'),
    );
  void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
