import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { organisationKinds } from '@concerto/shared';

const organisationSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    kind: { type: String, enum: organisationKinds, required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true },
);

/** An organisation taking part in the programme (hospital, maison médicale, CPAS, ONE...). */
export type OrganisationDocument = InferSchemaType<typeof organisationSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Organisations, each with its own access managers. */
export const OrganisationModel = mongoose.model('Organisation', organisationSchema);
