import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { linkCodeFields } from './invitation.ts';

const guestPassSchema = new Schema({
  familyId: { type: Schema.Types.ObjectId, ref: 'Family', required: true },
  concertationId: { type: Schema.Types.ObjectId, ref: 'Concertation', required: true },
  /** Who the guest is, as the room and the attendance name her. */
  name: { type: String, required: true },
  /** The language she interprets (free text: "arabe", "tigrinya"…). */
  language: { type: String, required: true },
  /** The interpreting service she comes from, if any. */
  organisation: { type: String, default: null },
  /** The link and its code; `expiresAt` also ends the session it opened (hours after the meeting's end). */
  ...linkCodeFields,
  revokedAt: { type: Date, default: null },
  revokedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
});
guestPassSchema.index({ tokenHash: 1 }, { unique: true });
guestPassSchema.index({ concertationId: 1 });
guestPassSchema.index({ familyId: 1 });

/** A one-meeting pass for a guest (an interpreter): a link plus a 6-digit code, single use, revocable. */
export type GuestPassDocument = InferSchemaType<typeof guestPassSchema> & { _id: mongoose.Types.ObjectId };

/** Guests' one-meeting passes; purged with the family's file (they name its `familyId`). */
export const GuestPassModel = mongoose.model('GuestPass', guestPassSchema);
