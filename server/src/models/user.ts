import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { lastChangeSchema } from '../http/versions.ts';

const userSchema = new Schema(
  {
    kind: { type: String, enum: ['admin', 'professional'], required: true },
    email: { type: String, required: true, lowercase: true, trim: true },
    passwordHash: { type: String, required: true },
    displayName: { type: String, required: true, trim: true },
    profession: { type: String, default: null },
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', default: null },
    healthRole: { type: String, enum: ['A', 'B', null], default: null },
    inamiNumber: { type: String, default: null },
    accessManager: { type: Boolean, default: false },
    active: { type: Boolean, default: true },
    /** The TOTP second factor, once confirmed: its secret, the last time step used (no replay), recovery codes. */
    secondFactor: {
      type: new Schema(
        {
          secret: { type: String, required: true },
          enabledAt: { type: Date, required: true },
          lastStep: { type: Number, default: null },
          /** SHA-256 of the unused recovery codes. */
          recoveryCodeHashes: { type: [String], default: [] },
        },
        { _id: false },
      ),
      default: null,
    },
    /** A TOTP secret being set up, until a first code confirms it. */
    pendingSecondFactorSecret: { type: String, default: null },
    /** The last change of the account by its managers (role, rights, activation): its version. */
    lastChange: { type: lastChangeSchema, default: () => ({}) },
  },
  { timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ organisationId: 1 });

/** A password account: the platform admin or a professional. Family members never have one. */
export type UserDocument = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };

/** Password accounts. */
export const UserModel = mongoose.model('User', userSchema);
