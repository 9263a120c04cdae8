import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { contactKinds, contactPlaces } from '@concerto/shared';

const { ObjectId } = Schema.Types;

const contactSchema = new Schema(
  {
    familyId: { type: ObjectId, ref: 'Family', required: true },
    /** The calendar day of the contact, at 00:00 UTC. */
    date: { type: Date, required: true },
    kind: { type: String, enum: contactKinds, required: true },
    place: { type: String, enum: contactPlaces, required: true },
    durationMinutes: { type: Number, required: true, min: 1 },
    /** Professionals of the team who took part (each counts the whole duration in the totals). */
    professionalIds: { type: [ObjectId], default: [] },
    memberIds: { type: [ObjectId], default: [] },
    /** People outside Concerto, by name. */
    others: { type: [String], default: [] },
    interpreter: { type: Boolean, default: false },
    interpreterLanguage: { type: String, default: null },
    note: { type: String, default: null },
    medicalNote: { type: Boolean, default: false },
    recordedBy: { type: ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);
// The log of one family, newest first; a member's own contacts.
contactSchema.index({ familyId: 1, date: -1 });
contactSchema.index({ familyId: 1, memberIds: 1 });

/**
 * One contact with a family (a home visit, a consultation, a call, an accompaniment...): the programme's
 * own work, counted for the funder and proving funded services. Purged with the file (`familyId`).
 */
export type ContactDocument = InferSchemaType<typeof contactSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
};

/** The contact log. */
export const ContactModel = mongoose.model('Contact', contactSchema);
