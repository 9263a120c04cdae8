import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const auditEntrySchema = new Schema({
  familyId: { type: Schema.Types.ObjectId, ref: 'Family', required: true },
  at: { type: Date, required: true },
  actorKind: { type: String, enum: ['professional', 'familyMember', 'admin', 'guest'], required: true },
  actorUserId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  actorMemberId: { type: Schema.Types.ObjectId, default: null },
  /** Name and detail copied at the time: the trail stays readable if accounts change later. */
  actorName: { type: String, required: true },
  actorDetail: { type: String, default: null },
  sessionId: { type: Schema.Types.ObjectId, ref: 'Session', default: null },
  access: { type: String, enum: ['read', 'write'], required: true },
  part: { type: String, required: true },
  requestId: { type: String, default: null },
  /** The space opened over the collaboration websocket (one entry per person, space and hour). */
  spaceId: { type: Schema.Types.ObjectId, ref: 'Space', default: null },
  /** The document added, downloaded or taken away (kept after the document is gone). */
  attachmentId: { type: Schema.Types.ObjectId, default: null },
});
auditEntrySchema.index({ familyId: 1, at: -1 });

/** One read or write of a family file. Append-only: no API edits or deletes it. */
export type AuditEntryDocument = InferSchemaType<typeof auditEntrySchema> & { _id: mongoose.Types.ObjectId };

/** The audit trail. */
export const AuditEntryModel = mongoose.model('AuditEntry', auditEntrySchema);
