import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { teamFunctions } from '@concerto/shared';

const { ObjectId } = Schema.Types;

const functionAssignmentSchema = new Schema({
  familyId: { type: ObjectId, ref: 'Family', required: true },
  function: { type: String, enum: teamFunctions, required: true },
  /** Null for the end of a case management without successor. */
  professionalId: { type: ObjectId, ref: 'User', default: null },
  start: { type: Date, required: true },
  expectedEnd: { type: Date, default: null },
  endedAt: { type: Date, default: null },
  chosenBy: {
    kind: { type: String, enum: ['familyMember', 'team'], required: true },
    id: { type: String, required: true },
    displayName: { type: String, required: true },
  },
  /** The professional who entered a member's choice for her; null when she entered it herself. */
  enteredBy: {
    type: new Schema({ id: { type: String, required: true }, displayName: String }, { _id: false }),
    default: null,
  },
  reason: { type: String, default: null },
  /** Why a coordination ended with nobody after it (the one-year term is a reminder, not a wall). */
  endReason: { type: String, default: null },
  concertationId: { type: ObjectId, ref: 'Concertation', default: null },
  handover: {
    type: new Schema(
      {
        fromProfessionalId: ObjectId,
        whatWasHandedOver: String,
        acknowledgedAt: { type: Date, default: null },
      },
      { _id: false },
    ),
    default: null,
  },
});
functionAssignmentSchema.index({ familyId: 1, start: -1 });

/** One holding of a function (referent, coordinator, case manager); the full history is kept. */
export type FunctionAssignmentDocument = InferSchemaType<typeof functionAssignmentSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Function assignments. */
export const FunctionAssignmentModel = mongoose.model('FunctionAssignment', functionAssignmentSchema);
