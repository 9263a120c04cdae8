import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { strata, stratumEventKinds } from '@concerto/shared';

const { ObjectId } = Schema.Types;

const stratumEventSchema = new Schema({
  familyId: { type: ObjectId, ref: 'Family', required: true },
  kind: { type: String, enum: stratumEventKinds, required: true },
  /** When it happened: the day a refusal was expressed, or when the stratum was confirmed. */
  at: { type: Date, required: true },
  /** Refusal: the member who refused (null: the family as a whole). */
  memberId: { type: ObjectId, default: null },
  /** Refusal: what was refused, in a few words. */
  what: { type: String, default: null },
  /** Refusal: said explicitly to the professionals (only explicit refusals establish the stratum). */
  explicit: { type: Boolean, default: false },
  /** Self-coordination: whether the family coordinates itself from now on. */
  on: { type: Boolean, default: null },
  /** Review: the stratum confirmed. */
  stratum: { type: String, enum: [...strata, null], default: null },
  note: { type: String, default: null },
  authorId: { type: ObjectId, ref: 'User', required: true },
  recordedAt: { type: Date, required: true },
});
stratumEventSchema.index({ familyId: 1, kind: 1, at: 1 });

/** One stratum event as stored. */
export type StratumEventDocument = InferSchemaType<typeof stratumEventSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Refusals, self-coordination and stratum confirmations of families (purged with the file: `familyId`). */
export const StratumEventModel = mongoose.model('StratumEvent', stratumEventSchema);
