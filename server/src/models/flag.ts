import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { indicatorKeys } from '@concerto/shared';

const flagSchema = new Schema({
  familyId: { type: Schema.Types.ObjectId, ref: 'Family', required: true },
  indicatorKey: { type: String, enum: indicatorKeys, required: true },
  note: { type: String, required: true },
  raisedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  raisedAt: { type: Date, required: true },
});
flagSchema.index({ familyId: 1, raisedAt: -1 });

/** A suspicion about a sensitive indicator; kept apart from the file so only Role A queries ever load it. */
export type FlagDocument = InferSchemaType<typeof flagSchema> & { _id: mongoose.Types.ObjectId };

/** Suspicion flags. */
export const FlagModel = mongoose.model('Flag', flagSchema);
