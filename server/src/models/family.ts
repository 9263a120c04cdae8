import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { lastChangeSchema } from '../http/versions.ts';
import {
  bibScenarios,
  consentScopes,
  contactPlaces,
  entryPointKinds,
  fileEndKinds,
  fundedServices,
  indicatorKeys,
  indicatorStatuses,
  memberRoles,
  serviceEligibilities,
  strata,
  teamFunctions,
} from '@concerto/shared';

const { ObjectId } = Schema.Types;

const memberSchema = new Schema({
  displayName: { type: String, required: true },
  role: { type: String, enum: memberRoles, required: true },
  birthDate: { type: Date, default: null },
  preferredLanguage: { type: String, default: 'fr' },
  interpreterNeeded: { type: Boolean, default: false },
});

const teamMembershipSchema = new Schema(
  {
    professionalId: { type: ObjectId, ref: 'User', required: true },
    functions: { type: [{ type: String, enum: teamFunctions }], default: [] },
    joinedAt: { type: Date, required: true },
    addedBy: { type: ObjectId, ref: 'User', required: true },
    endedAt: { type: Date, default: null },
    endedBy: { type: ObjectId, ref: 'User', default: null },
    /** Family members who must not see this professional on the team (e.g. a violence-support worker). */
    hiddenFromMemberIds: { type: [ObjectId], default: [] },
  },
  { _id: false },
);

const stratumChangeSchema = new Schema(
  {
    from: { type: String, enum: [...strata, null], default: null },
    to: { type: String, enum: strata, required: true },
    at: { type: Date, required: true },
    authorId: { type: ObjectId, ref: 'User', required: true },
    reason: { type: String, required: true },
  },
  { _id: false },
);

const indicatorSchema = new Schema({
  key: { type: String, enum: indicatorKeys, required: true },
  category: { type: String, enum: ['social', 'medical'], required: true },
  aboutMemberId: { type: ObjectId, default: null },
  note: { type: String, default: null },
  recordedBy: { type: ObjectId, ref: 'User', required: true },
  recordedAt: { type: Date, required: true },
  sharedWithMemberIds: { type: [ObjectId], default: [] },
  lastChange: { type: lastChangeSchema, default: () => ({}) },
  /** Vulnerabilities evolve (seed 004, line 226): each change of status is kept with who and when. */
  status: { type: String, enum: indicatorStatuses, default: 'active' },
  statusHistory: {
    type: [
      new Schema(
        {
          status: { type: String, enum: indicatorStatuses, required: true },
          at: { type: Date, required: true },
          byUserId: { type: ObjectId, ref: 'User', required: true },
          note: { type: String, default: null },
        },
        { _id: false },
      ),
    ],
    default: [],
  },
});

const consentSchema = new Schema(
  {
    memberId: { type: ObjectId, required: true },
    scope: { type: String, enum: consentScopes, required: true },
    granted: { type: Boolean, required: true },
    at: { type: Date, required: true },
    /** Who recorded it: a professional's user id, or the member themself. */
    throughUserId: { type: ObjectId, default: null },
    throughMemberId: { type: ObjectId, default: null },
  },
  { _id: false },
);

const familySchema = new Schema(
  {
    label: { type: String, required: true },
    members: { type: [memberSchema], default: [] },
    dueDate: { type: Date, default: null },
    birthDate: { type: Date, default: null },
    entryPoint: {
      kind: { type: String, enum: entryPointKinds, required: true },
      place: { type: String, default: null },
      at: { type: Date, required: true },
      byUserId: { type: ObjectId, ref: 'User', required: true },
    },
    stratum: { type: String, enum: strata, required: true },
    strataHistory: { type: [stratumChangeSchema], default: [] },
    screening: {
      type: new Schema(
        {
          scenario: { type: String, enum: bibScenarios },
          at: Date,
          recordedBy: { type: ObjectId, ref: 'User' },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Every BIB screening, in the order recorded; `screening` above is the latest by date. */
    screenings: {
      type: [
        new Schema(
          {
            scenario: { type: String, enum: bibScenarios, required: true },
            at: { type: Date, required: true },
            recordedBy: { type: ObjectId, ref: 'User', required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    services: {
      type: [
        new Schema(
          {
            service: { type: String, enum: fundedServices, required: true },
            at: { type: Date, required: true },
            deliveredBy: { type: ObjectId, ref: 'User', required: true },
            note: { type: String, default: null },
            // The proof, copied when recorded (commands/serviceRecorder.ts): its time, places, participants.
            durationMinutes: { type: Number, default: null },
            places: { type: [{ type: String, enum: contactPlaces }], default: [] },
            professionalIds: { type: [ObjectId], default: [] },
            memberIds: { type: [ObjectId], default: [] },
            others: { type: [String], default: [] },
            contactIds: { type: [ObjectId], default: [] },
            concertationId: { type: ObjectId, default: null },
            /** The family's BIB scenario then, and whether it opened the service (null: recorded before). */
            scenario: { type: String, enum: [...bibScenarios, null], default: null },
            eligibility: { type: String, enum: [...serviceEligibilities, null], default: null },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    indicators: { type: [indicatorSchema], default: [] },
    team: { type: [teamMembershipSchema], default: [] },
    consents: { type: [consentSchema], default: [] },
    /** The end of the file: closed after day 1000 or the family left; from then on it is read-only. */
    closure: {
      type: new Schema(
        {
          kind: { type: String, enum: fileEndKinds, required: true },
          at: { type: Date, required: true },
          byUserId: { type: ObjectId, ref: 'User', required: true },
          reason: { type: String, required: true },
          purgeAfter: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Each decision to go on past day 1000, with its review date (the latest one counts). */
    followUpExtensions: {
      type: [
        new Schema(
          {
            reason: { type: String, required: true },
            reviewDate: { type: Date, required: true },
            at: { type: Date, required: true },
            byUserId: { type: ObjectId, ref: 'User', required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    createdBy: { type: ObjectId, ref: 'User', required: true },
    /** The last change of the label or dates, whose version the UI sends back with its next change. */
    lastChange: { type: lastChangeSchema, default: () => ({}) },
  },
  // Two people saving the same file at once: the second gets a 409 instead of silently overwriting.
  { timestamps: true, optimisticConcurrency: true },
);
// "My families" finds files through active memberships.
familySchema.index({ 'team.professionalId': 1 });
// The purge job finds closed files whose retention has run out.
familySchema.index({ 'closure.purgeAfter': 1 }, { sparse: true });

/** A family's file as stored; never sent as is (see presenters/familyPresenter.ts). */
export type FamilyDocument = InferSchemaType<typeof familySchema> & { _id: mongoose.Types.ObjectId };

/** Family files. */
export const FamilyModel = mongoose.model('Family', familySchema);
