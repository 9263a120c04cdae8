import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * The fields of a single-use link with a 6-digit code, handed over by a professional: the token's hash, the
 * code's hash bound to the token, when it ends, when it was used, and wrong codes counted.
 */
export const linkCodeFields = {
  tokenHash: { type: String, required: true },
  codeHash: { type: String, required: true },
  createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  redeemedAt: { type: Date, default: null },
  failedAttempts: { type: Number, default: 0 },
} as const;

const invitationSchema = new Schema({
  familyId: { type: Schema.Types.ObjectId, ref: 'Family', required: true },
  memberId: { type: Schema.Types.ObjectId, required: true },
  ...linkCodeFields,
});
invitationSchema.index({ tokenHash: 1 }, { unique: true });

/** A personal invitation for one family member: a link plus a 6-digit code, single use. */
export type InvitationDocument = InferSchemaType<typeof invitationSchema> & { _id: mongoose.Types.ObjectId };

/** Personal invitations. */
export const InvitationModel = mongoose.model('Invitation', invitationSchema);
