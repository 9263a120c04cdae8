import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { globalMedicalRecordStates } from '@concerto/shared';

const { ObjectId } = Schema.Types;

const generalPractitionerSchema = new Schema({
  familyId: { type: ObjectId, ref: 'Family', required: true },
  memberId: { type: ObjectId, required: true },
  name: { type: String, default: '' },
  practice: { type: String, default: '' },
  phone: { type: String, default: '' },
  /** Whether the member has a DMG (dossier médical global) with this GP. */
  globalMedicalRecord: { type: String, enum: globalMedicalRecordStates, default: 'unknown' },
  recordedAt: { type: Date, required: true },
  recordedBy: { type: ObjectId, ref: 'User', required: true },
});
generalPractitionerSchema.index({ familyId: 1, memberId: 1 }, { unique: true });

/** One family member's regular GP and whether she has a DMG with him (seed 004, L395, L774). */
export type GeneralPractitionerDocument = InferSchemaType<typeof generalPractitionerSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** The members' GPs, one record per member of a family. */
export const GeneralPractitionerModel = mongoose.model('GeneralPractitioner', generalPractitionerSchema);
