import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { decisionPositions } from '@concerto/shared';

const { ObjectId } = Schema.Types;

const decisionSchema = new Schema(
  {
    familyId: { type: ObjectId, ref: 'Family', required: true },
    concertationId: { type: ObjectId, ref: 'Concertation', default: null },
    what: { type: String, required: true },
    owner: {
      type: new Schema({ kind: String, id: { type: String, default: null }, name: String }, { _id: false }),
      default: null,
    },
    dueDate: { type: String, default: null },
    linkedPlanItemIds: { type: [String], default: [] },
    hiddenFromMemberIds: { type: [ObjectId], default: [] },
    status: { type: String, enum: ['proposed', 'recorded'], default: 'proposed' },
    proposedBy: { type: ObjectId, ref: 'User', required: true },
    proposedAt: { type: Date, required: true },
    recordedAt: { type: Date, default: null },
    recordedBy: { type: ObjectId, ref: 'User', default: null },
    amends: { type: ObjectId, ref: 'Decision', default: null },
    amendedBy: { type: ObjectId, ref: 'Decision', default: null },
    amendmentReason: { type: String, default: null },
    /** Members expected to give a position (those present when it was proposed, or all invited). */
    awaitedMemberIds: { type: [ObjectId], default: [] },
    /** Between meetings, or kept open at a meeting's close: positions are expected until this day (YYYY-MM-DD). */
    positionsDueBy: { type: String, default: null },
    positions: {
      type: [
        new Schema(
          {
            memberId: ObjectId,
            position: { type: String, enum: decisionPositions },
            words: String,
            at: Date,
          },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { timestamps: true, optimisticConcurrency: true },
);
decisionSchema.index({ familyId: 1, proposedAt: -1 });

/** A decision; once recorded it never changes: a correction is a new decision that amends it. */
export type DecisionDocument = InferSchemaType<typeof decisionSchema> & { _id: mongoose.Types.ObjectId };

/** Decisions. */
export const DecisionModel = mongoose.model('Decision', decisionSchema);
