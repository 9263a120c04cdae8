import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { referralStatuses } from '@concerto/shared';
import { lastChangeSchema } from '../http/versions.ts';

const { ObjectId } = Schema.Types;

const referralSchema = new Schema(
  {
    familyId: { type: ObjectId, ref: 'Family', required: true },
    memberId: { type: ObjectId, required: true },
    entryId: { type: ObjectId, ref: 'DirectoryEntry', required: true },
    /** Copied at creation: the referral stays readable if the directory entry changes. */
    entryName: { type: String, required: true },
    entryKind: { type: String, required: true },
    reason: { type: String, required: true },
    status: { type: String, enum: referralStatuses, required: true },
    followUpDate: { type: Date, required: true },
    hiddenFromMemberIds: { type: [ObjectId], default: [] },
    concertationId: { type: ObjectId, ref: 'Concertation', default: null },
    createdBy: { type: ObjectId, ref: 'User', required: true },
    history: {
      type: [
        new Schema(
          { from: { type: String, default: null }, to: String, at: Date, by: String, note: String },
          { _id: false },
        ),
      ],
      default: [],
    },
    lastUpdateAt: { type: Date, required: true },
    /** The last change through the UI, whose version a stale page sends back (and gets a 409 with). */
    lastChange: { type: lastChangeSchema, default: () => ({}) },
    /** When the team was told its follow-up date passed (once per date). */
    followUpNotifiedAt: { type: Date, default: null },
  },
  { timestamps: true, optimisticConcurrency: true },
);
referralSchema.index({ familyId: 1, status: 1 });

/** A closed-loop referral of a family member to a directory service, open until contact is confirmed. */
export type ReferralDocument = InferSchemaType<typeof referralSchema> & { _id: mongoose.Types.ObjectId };

/** Referrals (réorientations). */
export const ReferralModel = mongoose.model('Referral', referralSchema);
