import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const passkeySchema = new Schema({
  /** WebAuthn credential id (base64url), as the phone names it at sign-in. */
  credentialId: { type: String, required: true },
  /** COSE public key: only it is stored, the private key never leaves the phone. */
  publicKey: { type: Buffer, required: true },
  /** The authenticator's signature counter, checked at each sign-in to notice a cloned key. */
  counter: { type: Number, required: true, default: 0 },
  transports: { type: [String], default: [] },
  /** A professional's or the admin's account, or one family member: exactly one is set. */
  userId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  familyMember: {
    type: new Schema({ familyId: Schema.Types.ObjectId, memberId: Schema.Types.ObjectId }, { _id: false }),
    default: null,
  },
  createdAt: { type: Date, required: true },
  lastUsedAt: { type: Date, default: null },
  /** The browser that registered it, to tell one phone from another. */
  userAgent: { type: String, default: null },
});
passkeySchema.index({ credentialId: 1 }, { unique: true });
passkeySchema.index({ userId: 1 });
passkeySchema.index({ 'familyMember.memberId': 1 });

/** A passkey: signs its owner back in with the phone's lock (fingerprint, face, PIN). */
export type PasskeyDocument = InferSchemaType<typeof passkeySchema> & { _id: mongoose.Types.ObjectId };

/** Registered passkeys. */
export const PasskeyModel = mongoose.model('Passkey', passkeySchema);
