import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { bassins, serviceKinds } from '@concerto/shared';
import { lastChangeSchema } from '../http/versions.ts';

const directoryEntrySchema = new Schema(
  {
    name: { type: String, required: true },
    kind: { type: String, enum: serviceKinds, required: true },
    offer: { type: String, default: '' },
    languages: { type: [String], default: [] },
    cost: { type: String, enum: ['free', 'paid', 'incomeBased'], required: true },
    bassin: { type: String, enum: bassins, required: true },
    address: { type: String, default: '' },
    phone: { type: String, default: '' },
    email: { type: String, default: '' },
    website: { type: String, default: '' },
    openingHours: { type: String, default: '' },
    availability: {
      type: new Schema({ status: String, note: String, updatedAt: Date, updatedBy: String }, { _id: false }),
      default: null,
    },
    /** The organisation whose access managers maintain this entry (null: maintained by the admin). */
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', default: null },
    suggestions: {
      type: [
        new Schema({ text: String, by: String, byUserId: Schema.Types.ObjectId, at: Date }, { _id: false }),
      ],
      default: [],
    },
    /** Name, kind words in three languages and offer, normalised for accent- and case-blind search. */
    searchText: { type: String, required: true },
    lastChange: { type: lastChangeSchema, default: () => ({}) },
  },
  { timestamps: true },
);
directoryEntrySchema.index({ bassin: 1, kind: 1 });

/** A local service of the living resource directory (cadastre vivant). */
export type DirectoryEntryDocument = InferSchemaType<typeof directoryEntrySchema> & {
  _id: mongoose.Types.ObjectId;
};

/** The living resource directory. */
export const DirectoryEntryModel = mongoose.model('DirectoryEntry', directoryEntrySchema);
