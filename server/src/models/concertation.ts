import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { lastChangeSchema } from '../http/versions.ts';

const { ObjectId } = Schema.Types;

const attendanceSchema = new Schema(
  {
    participantKind: { type: String, enum: ['professional', 'familyMember', 'guest'], required: true },
    participantId: { type: String, required: true },
    name: { type: String, required: true },
    detail: { type: String, default: null },
    status: { type: String, enum: ['present', 'excused', 'absent'], default: 'absent' },
    mode: { type: String, enum: ['remote', 'onSite', null], default: null },
    joinedAt: { type: Date, default: null },
    leftAt: { type: Date, default: null },
    markedBy: { type: String, default: null },
  },
  { _id: false },
);

const concertationSchema = new Schema(
  {
    familyId: { type: ObjectId, ref: 'Family', required: true },
    scheduledAt: { type: Date, required: true },
    durationMinutes: { type: Number, required: true },
    place: { type: String, default: null },
    remote: { type: Boolean, default: false },
    /** The video call's room (128 random bits, hex), made once when the meeting is remote; never changes. */
    videoRoom: { type: String, default: null },
    agenda: { type: [new Schema({ title: String }, { _id: false })], default: [] },
    currentAgendaIndex: { type: Number, default: 0 },
    invitedProfessionalIds: { type: [ObjectId], default: [] },
    invitedMemberIds: { type: [ObjectId], default: [] },
    interpreter: { needed: { type: Boolean, default: false }, language: { type: String, default: null } },
    organiserId: { type: ObjectId, ref: 'User', required: true },
    status: { type: String, enum: ['scheduled', 'open', 'closed', 'cancelled'], default: 'scheduled' },
    startedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    attendance: { type: [attendanceSchema], default: [] },
    /** Who asked for the floor in the live room, in the order they raised their hand (participant keys). */
    raisedHands: { type: [String], default: [] },
    /** The live room's timer, shared by every instance: time counted before `startedAt` (ms since epoch). */
    timer: {
      running: { type: Boolean, default: false },
      startedAt: { type: Number, default: null },
      elapsedMs: { type: Number, default: 0 },
    },
    /** State of the shared plan when the room opened, to list what changed during the meeting. */
    planAtOpening: { type: Schema.Types.Mixed, default: null },
    /** Frozen at close; filtered per reader when read. */
    minutes: { type: Schema.Types.Mixed, default: null },
    /** The last change of its schedule, agenda or state (what a PATCH or the room's agenda sets): its version. */
    lastChange: { type: lastChangeSchema, default: () => ({}) },
  },
  { timestamps: true, optimisticConcurrency: true },
);
concertationSchema.index({ familyId: 1, scheduledAt: -1 });

/** A multidisciplinary concertation of a family, from scheduling to frozen minutes. */
export type ConcertationDocument = InferSchemaType<typeof concertationSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Concertations. */
export const ConcertationModel = mongoose.model('Concertation', concertationSchema);
