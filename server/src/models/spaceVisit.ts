import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const spaceVisitSchema = new Schema({
  spaceId: { type: Schema.Types.ObjectId, ref: 'Space', required: true },
  /** `professional:<userId>` or `familyMember:<memberId>`. */
  readerKey: { type: String, required: true },
  visitedAt: { type: Date, required: true },
  /** The document's Yjs state vector at the visit: items created after it are new to her. */
  stateVector: { type: Buffer, required: true },
});
spaceVisitSchema.index({ spaceId: 1, readerKey: 1 }, { unique: true });

/** A reader's last visit of a space. */
export type SpaceVisitDocument = InferSchemaType<typeof spaceVisitSchema> & { _id: mongoose.Types.ObjectId };

/** Each reader's last visit of each space, for the "changed since your last visit" marks. */
export const SpaceVisitModel = mongoose.model('SpaceVisit', spaceVisitSchema);
