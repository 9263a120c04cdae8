import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const { ObjectId } = Schema.Types;

const closingSummarySchema = new Schema({
  familyId: { type: ObjectId, ref: 'Family', required: true },
  /** The referent or GP it was handed to; the content was filtered through her rights when it was written. */
  recipientId: { type: ObjectId, ref: 'User', required: true },
  createdAt: { type: Date, required: true },
  readAt: { type: Date, default: null },
  /** The summary as `ClosingSummarySchema` describes it (shared/src/contract/closing.ts). */
  content: { type: Schema.Types.Mixed, required: true },
});
closingSummarySchema.index({ recipientId: 1, createdAt: -1 });
closingSummarySchema.index({ familyId: 1 });

/** A closing summary as stored. */
export type ClosingSummaryDocument = InferSchemaType<typeof closingSummarySchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Summaries handed to the referent and the GP when a file closes (purged with the file). */
export const ClosingSummaryModel = mongoose.model('ClosingSummary', closingSummarySchema);
