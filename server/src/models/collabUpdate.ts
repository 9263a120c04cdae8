import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const collabUpdateSchema = new Schema({
  /** The document's name: its space id. */
  docName: { type: String, required: true },
  /** Increasing per document; order is only informative since Yjs updates commute. */
  clock: { type: Number, required: true },
  /** `update`: edits from a batch window; `snapshot`: the compacted state replacing earlier records. */
  kind: { type: String, enum: ['update', 'snapshot'], required: true },
  data: { type: Buffer, required: true },
  createdAt: { type: Date, required: true },
});
collabUpdateSchema.index({ docName: 1, clock: 1 }, { unique: true });

/** One stored Yjs update (binary), never a document rebuilt from text. */
export type CollabUpdateDocument = InferSchemaType<typeof collabUpdateSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Stored Yjs updates and snapshots. */
export const CollabUpdateModel = mongoose.model('CollabUpdate', collabUpdateSchema);
