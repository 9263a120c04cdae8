import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const identitySignInAttemptSchema = new Schema({
  /** SHA-256 of the token in the browser's short-lived cookie: the attempt belongs to that browser only. */
  tokenHash: { type: String, required: true },
  organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
  /** Checked against the provider's answer (state), its ID token (nonce) and its token endpoint (PKCE). */
  state: { type: String, required: true },
  nonce: { type: String, required: true },
  codeVerifier: { type: String, required: true },
  redirectUri: { type: String, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  usedAt: { type: Date, default: null },
});
identitySignInAttemptSchema.index({ tokenHash: 1 }, { unique: true });
identitySignInAttemptSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 3600 });

/** One sign-in through an organisation's identity provider, from the redirect to the callback. */
export type IdentitySignInAttemptDocument = InferSchemaType<typeof identitySignInAttemptSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Sign-ins in progress at an identity provider (OpenID Connect), ten minutes each, used once. */
export const IdentitySignInAttemptModel = mongoose.model(
  'IdentitySignInAttempt',
  identitySignInAttemptSchema,
);
