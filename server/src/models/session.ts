import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const sessionSchema = new Schema({
  /** SHA-256 of the token: a database leak does not give working sessions. */
  tokenHash: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  familyMember: {
    type: new Schema({ familyId: Schema.Types.ObjectId, memberId: Schema.Types.ObjectId }, { _id: false }),
    default: null,
  },
  /** A guest's session (an interpreter): the one-meeting pass it came from, re-read on every request. */
  guest: {
    type: new Schema({ passId: Schema.Types.ObjectId, familyId: Schema.Types.ObjectId }, { _id: false }),
    default: null,
  },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  revokedAt: { type: Date, default: null },
  userAgent: { type: String, default: null },
});
sessionSchema.index({ tokenHash: 1 }, { unique: true });
sessionSchema.index({ userId: 1 });
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 7 * 24 * 3600 });

/** A signed-in session, for a user, one family member (from an invitation) or a guest (from a pass). */
export type SessionDocument = InferSchemaType<typeof sessionSchema> & { _id: mongoose.Types.ObjectId };

/** Sessions; revoked at logout, when an account is deactivated or a membership ends. */
export const SessionModel = mongoose.model('Session', sessionSchema);
