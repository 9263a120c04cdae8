import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { spaceKinds, teamAudiences } from '@concerto/shared';
import { lastChangeSchema } from '../http/versions.ts';

const audienceSchema = new Schema(
  {
    team: { type: String, enum: teamAudiences, required: true },
    professionalIds: { type: [Schema.Types.ObjectId], default: [] },
    teamAccess: { type: String, enum: ['read', 'write'], default: 'write' },
    professionalAccess: {
      type: [
        new Schema(
          { professionalId: Schema.Types.ObjectId, access: { type: String, enum: ['read', 'write'] } },
          { _id: false },
        ),
      ],
      default: [],
    },
    members: {
      type: [
        new Schema(
          {
            memberId: Schema.Types.ObjectId,
            access: { type: String, enum: ['read', 'contribute', 'write'] },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { _id: false },
);

const spaceSchema = new Schema(
  {
    /** The family file a space belongs to; network meeting notes belong to a meeting instead, never a family. */
    familyId: { type: Schema.Types.ObjectId, ref: 'Family', default: null },
    networkMeetingId: { type: Schema.Types.ObjectId, ref: 'NetworkMeeting', default: null },
    kind: { type: String, enum: spaceKinds, required: true },
    title: { type: String, required: true },
    audience: { type: audienceSchema, required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    /** Members a professional kept out of the shared plan when inviting them (a person to protect). */
    excludedMemberIds: { type: [Schema.Types.ObjectId], default: [] },
    /** The last change of its title or audience: its version. */
    lastChange: { type: lastChangeSchema, default: () => ({}) },
  },
  { timestamps: true, optimisticConcurrency: true },
);
spaceSchema.index({ familyId: 1, kind: 1 });

/** A space: one Yjs document of a family file with its own audience (the unit of confidentiality). */
export type SpaceDocument = InferSchemaType<typeof spaceSchema> & { _id: mongoose.Types.ObjectId };

/** Spaces of family files. */
export const SpaceModel = mongoose.model('Space', spaceSchema);
