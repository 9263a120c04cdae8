import mongoose, { Schema } from 'mongoose';

const passwordResetSchema = new Schema({
  /** SHA-256 of the link's token: the database never holds a usable link. */
  tokenHash: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  /** The access manager (or admin) who made the link, for the audit trail. */
  issuedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  usedAt: { type: Date, default: null },
});
passwordResetSchema.index({ tokenHash: 1 }, { unique: true });
passwordResetSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 7 * 24 * 3600 });

/** Single-use links with which a professional chooses a new password after an access manager reset it. */
export const PasswordResetModel = mongoose.model('PasswordReset', passwordResetSchema);
