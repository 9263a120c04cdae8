import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const invitationSchema = new Schema({
  familyId: { type: Schema.Types.ObjectId, ref: 'Family', required: true },
  memberId: { type: Schema.Types.ObjectId, required: true },
  tokenHash: { type: String, required: true },
  codeHash: { type: String, required: true },
  createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  redeemedAt: { type: Date, default: null },
  failedAttempts: { type: Number, default: 0 },
});
invitationSchema.index({ tokenHash: 1 }, { unique: true });

/** A personal invitation for one family member: a link plus a 6-digit code, single use. */
export type InvitationDocument = InferSchemaType<typeof invitationSchema> & { _id: mongoose.Types.ObjectId };

/** Personal invitations. */
export const InvitationModel = mongoose.model('Invitation', invitationSchema);
