import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { networkMeetingKinds } from '@concerto/shared';
import { lastChangeSchema } from '../http/versions.ts';

const { ObjectId } = Schema.Types;

// Deliberately no family field anywhere: a network meeting is about the network, never about a family.
const networkMeetingSchema = new Schema(
  {
    title: { type: String, required: true },
    kind: { type: String, enum: networkMeetingKinds, required: true },
    bassin: { type: String, default: null },
    hospital: { type: String, default: null },
    scheduledAt: { type: Date, required: true },
    place: { type: String, default: '' },
    remote: { type: Boolean, default: false },
    agenda: { type: [String], default: [] },
    organiserId: { type: ObjectId, ref: 'User', required: true },
    memberOrganisationIds: { type: [ObjectId], default: [] },
    attendance: {
      type: [new Schema({ organisationId: ObjectId, status: String, attendees: [String] }, { _id: false })],
      default: [],
    },
    decisions: {
      type: [
        new Schema({ what: String, who: String, byWhen: { type: String, default: null } }, { _id: false }),
      ],
      default: [],
    },
    nextDate: { type: Date, default: null },
    status: { type: String, enum: ['scheduled', 'open', 'closed', 'published'], default: 'scheduled' },
    notesSpaceId: { type: ObjectId, ref: 'Space', default: null },
    publishedAt: { type: Date, default: null },
    summary: { type: new Schema({ notes: String, publishedBy: String }, { _id: false }), default: null },
    lastChange: { type: lastChangeSchema, default: () => ({}) },
  },
  { timestamps: true, strict: 'throw', optimisticConcurrency: true },
);
networkMeetingSchema.index({ memberOrganisationIds: 1, scheduledAt: -1 });

/** A network meeting (Rencontres périnatalité, GT Liaison). */
export type NetworkMeetingDocument = InferSchemaType<typeof networkMeetingSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Network meetings. */
export const NetworkMeetingModel = mongoose.model('NetworkMeeting', networkMeetingSchema);
