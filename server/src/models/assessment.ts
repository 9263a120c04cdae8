import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { assessmentKinds, assessmentSettings } from '@concerto/shared';

const { ObjectId } = Schema.Types;

const informalContactSchema = new Schema(
  {
    name: { type: String, required: true },
    relation: { type: String, default: '' },
    support: { type: String, default: '' },
  },
  { _id: false },
);

const formalContactSchema = new Schema(
  {
    name: { type: String, required: true },
    role: { type: String, default: '' },
    organisation: { type: String, default: '' },
    phone: { type: String, default: '' },
    professionalId: { type: ObjectId, ref: 'User', default: null },
    referent: { type: Boolean, default: false },
  },
  { _id: false },
);

const assessmentSchema = new Schema({
  familyId: { type: ObjectId, ref: 'Family', required: true },
  kind: { type: String, enum: assessmentKinds, required: true },
  at: { type: Date, required: true },
  setting: { type: String, enum: assessmentSettings, required: true },
  /** The family's own words: « Qu'est-ce que je peux faire pour vous ? Qu'attendez-vous de moi ? » */
  needs: { type: String, required: true },
  expectations: { type: String, default: '' },
  strengths: { type: String, default: '' },
  informalNetwork: { type: [informalContactSchema], default: [] },
  formalNetwork: { type: [formalContactSchema], default: [] },
  interpreterUsed: { type: Boolean, default: false },
  /** Medical data: only queries made for a Role A professional of the team ever load it. */
  clinicalObservations: { type: String, default: null },
  nextReviewDate: { type: Date, default: null },
  recordedBy: { type: ObjectId, ref: 'User', required: true },
  recordedAt: { type: Date, required: true },
  sharedWithMemberIds: { type: [ObjectId], default: [] },
});
// A file's assessments in order; "Mon travail" finds the latest of each family.
assessmentSchema.index({ familyId: 1, at: 1, recordedAt: 1 });

/** One assessment as stored. */
export type AssessmentDocument = InferSchemaType<typeof assessmentSchema> & { _id: mongoose.Types.ObjectId };

/** Initial assessments and re-assessments of families (purged with the file: it names `familyId`). */
export const AssessmentModel = mongoose.model('Assessment', assessmentSchema);
