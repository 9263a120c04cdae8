import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { actionPriorities, actionStatuses } from '@concerto/shared';

const planActionSchema = new Schema({
  familyId: { type: Schema.Types.ObjectId, ref: 'Family', required: true },
  spaceId: { type: Schema.Types.ObjectId, ref: 'Space', required: true },
  actionId: { type: String, required: true },
  what: { type: String, required: true },
  ownerKind: { type: String, enum: ['professional', 'member', 'family', null], default: null },
  ownerId: { type: String, default: null },
  ownerName: { type: String, default: null },
  dueDate: { type: String, default: null },
  /** The need the action answers, with its text at the time of projection ("my work" shows it). */
  needId: { type: String, default: null },
  needText: { type: String, default: null },
  status: { type: String, enum: actionStatuses, required: true },
  priority: { type: String, enum: [...actionPriorities, null], default: null },
  /** The plan's risks it answers (ids in the document), and the ready-made action it came from. */
  answers: { type: [String], default: [] },
  templateKey: { type: String, default: null },
  updatedAt: { type: Date, required: true },
});
planActionSchema.index({ spaceId: 1, actionId: 1 }, { unique: true });
planActionSchema.index({ ownerKind: 1, ownerId: 1, status: 1 });

/** An action of a shared plan, projected from its Yjs document so lists need not open every document. */
export type PlanActionDocument = InferSchemaType<typeof planActionSchema> & { _id: mongoose.Types.ObjectId };

/** Projected plan actions (derived data: rebuilt from the documents, never edited directly). */
export const PlanActionModel = mongoose.model('PlanAction', planActionSchema);
