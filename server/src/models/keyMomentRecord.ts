import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { momentOutcomes, recordableMomentKinds } from '@concerto/shared';

const keyMomentRecordSchema = new Schema({
  familyId: { type: Schema.Types.ObjectId, ref: 'Family', required: true },
  kind: { type: String, enum: recordableMomentKinds, required: true },
  outcome: { type: String, enum: momentOutcomes, required: true },
  /** The day it happened (for the return home: the discharge from the maternity). */
  at: { type: Date, required: true },
  note: { type: String, default: null },
  recordedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  recordedAt: { type: Date, required: true },
});
// The timeline reads a family's records in the order they were made; the latest of a kind counts.
keyMomentRecordSchema.index({ familyId: 1, recordedAt: 1 });

/** A moment of the rupture watch recorded as done or not applicable (kept: a correction is a new record). */
export type KeyMomentRecordDocument = InferSchemaType<typeof keyMomentRecordSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Records of the rupture watch, keyed by family (purged with the file). */
export const KeyMomentRecordModel = mongoose.model('KeyMomentRecord', keyMomentRecordSchema);
