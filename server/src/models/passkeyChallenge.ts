import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const passkeyChallengeSchema = new Schema({
  /** The random challenge (base64url) the phone signs. */
  challenge: { type: String, required: true },
  purpose: { type: String, enum: ['registration', 'sign-in'], required: true },
  /** For a registration: the session that asked, the only one that may answer it. */
  sessionId: { type: Schema.Types.ObjectId, default: null },
  expiresAt: { type: Date, required: true },
});
passkeyChallengeSchema.index({ challenge: 1 }, { unique: true });
// Unused challenges disappear on their own; an expired one is refused before the TTL monitor runs.
passkeyChallengeSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** A passkey challenge waiting for its answer: single use, valid two minutes. */
export type PasskeyChallengeDocument = InferSchemaType<typeof passkeyChallengeSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Challenges handed out and not yet answered. */
export const PasskeyChallengeModel = mongoose.model('PasskeyChallenge', passkeyChallengeSchema);
