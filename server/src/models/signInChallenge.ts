import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const signInChallengeSchema = new Schema({
  /** SHA-256 of the challenge token the browser holds between the password and the code. */
  tokenHash: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  /** `code`: the account has a second factor; `enrol`: the organisation requires one it does not have yet. */
  purpose: { type: String, enum: ['code', 'enrol'], required: true },
  attempts: { type: Number, default: 0 },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  usedAt: { type: Date, default: null },
});
signInChallengeSchema.index({ tokenHash: 1 }, { unique: true });
signInChallengeSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 3600 });

/** A password sign-in waiting for its second factor. */
export type SignInChallengeDocument = InferSchemaType<typeof signInChallengeSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Sign-ins half done: the password was right, the second factor is still to come (5 minutes, a few tries). */
export const SignInChallengeModel = mongoose.model('SignInChallenge', signInChallengeSchema);
