import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { rightsRequestKinds } from '@concerto/shared';

const { ObjectId } = Schema.Types;

const rightsRequestSchema = new Schema({
  familyId: { type: ObjectId, ref: 'Family', required: true },
  memberId: { type: ObjectId, required: true },
  kind: { type: String, enum: rightsRequestKinds, required: true },
  /** The member's own words: what should be corrected or erased. */
  text: { type: String, required: true },
  at: { type: Date, required: true },
  /** When the coordinator marked it answered, and who. */
  handledAt: { type: Date, default: null },
  handledBy: { type: ObjectId, ref: 'User', default: null },
});
rightsRequestSchema.index({ familyId: 1, handledAt: 1 });

/** A rights request as stored. */
export type RightsRequestDocument = InferSchemaType<typeof rightsRequestSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** A member's request to correct or erase data (GDPR articles 16, 17): a task for the coordinator. */
export const RightsRequestModel = mongoose.model('RightsRequest', rightsRequestSchema);
