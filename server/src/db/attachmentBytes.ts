import type { Readable } from 'node:stream';
import mongoose, { type ClientSession } from 'mongoose';

/** The GridFS bucket holding documents' bytes: collections `attachments.files` and `attachments.chunks`. */
export const attachmentBucketName = 'attachments';

function bucket(): mongoose.mongo.GridFSBucket {
  const database = mongoose.connection.db;
  if (!database) throw new Error('The database is not connected: connect mongoose before storing documents.');
  return new mongoose.mongo.GridFSBucket(database, { bucketName: attachmentBucketName });
}

/**
 * Writes a document's bytes to GridFS and returns their id. The files collection's metadata names the
 * family, so a purge finds every byte of a file even if a description was lost.
 */
export function storeAttachmentBytes(
  bytes: Buffer,
  facts: { familyId: mongoose.Types.ObjectId; name: string; contentType: string },
): Promise<mongoose.Types.ObjectId> {
  const upload = bucket().openUploadStream(facts.name, {
    metadata: { familyId: facts.familyId, contentType: facts.contentType },
  });
  return new Promise((resolve, reject) => {
    upload.once('error', reject);
    upload.once('finish', () => resolve(upload.id as mongoose.Types.ObjectId));
    upload.end(bytes);
  });
}

/** The bytes of one stored document, as a stream (GridFS reads them chunk by chunk). */
export function readAttachmentBytes(fileId: mongoose.Types.ObjectId): Readable {
  return bucket().openDownloadStream(fileId);
}

/** Deletes one document's bytes (its files entry and every chunk); a missing file is not an error. */
export async function deleteAttachmentBytes(fileId: mongoose.Types.ObjectId): Promise<void> {
  await bucket()
    .delete(fileId)
    .catch((error: unknown) => {
      if (!/File not found/.test((error as Error).message)) throw error;
    });
}

/**
 * Deletes every byte of a family's documents inside the purge's transaction: the files entries whose
 * metadata names the family, and their chunks. Returns how many files and chunks went.
 */
export async function purgeAttachmentBytes(
  familyId: mongoose.Types.ObjectId,
  session: ClientSession,
): Promise<{ files: number; chunks: number }> {
  const database = mongoose.connection.db!;
  const files = database.collection(`${attachmentBucketName}.files`);
  const chunks = database.collection(`${attachmentBucketName}.chunks`);
  const ids = (
    await files.find({ 'metadata.familyId': familyId }, { projection: { _id: 1 }, session }).toArray()
  ).map((file) => file._id);
  if (ids.length === 0) return { files: 0, chunks: 0 };
  const deletedChunks = await chunks.deleteMany({ files_id: { $in: ids } }, { session });
  const deletedFiles = await files.deleteMany({ _id: { $in: ids } }, { session });
  return { files: deletedFiles.deletedCount, chunks: deletedChunks.deletedCount };
}
