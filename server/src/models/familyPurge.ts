import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { fileEndKinds } from '@concerto/shared';

const { ObjectId } = Schema.Types;

// No personal data: the id of a file that no longer exists, its dates, and the professional who closed it.
const familyPurgeSchema = new Schema({
  familyId: { type: ObjectId, required: true, unique: true },
  kind: { type: String, enum: fileEndKinds, required: true },
  closedAt: { type: Date, required: true },
  closedBy: { type: ObjectId, ref: 'User', required: true },
  purgedAt: { type: Date, required: true },
  /** How many documents were deleted from each collection. */
  deleted: { type: Map, of: Number, default: {} },
});

/** A purge record as stored. */
export type FamilyPurgeDocument = InferSchemaType<typeof familyPurgeSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** The record that a closed file existed and was purged after its retention period. */
export const FamilyPurgeModel = mongoose.model('FamilyPurge', familyPurgeSchema);
