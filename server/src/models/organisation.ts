import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { bassins, organisationKinds } from '@concerto/shared';
import { lastChangeSchema } from '../http/versions.ts';

const organisationSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    kind: { type: String, enum: organisationKinds, required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    /** The bassin d'aide et de soins it works in: groups it with its neighbours in the network figures. */
    bassin: { type: String, enum: [...bassins, null], default: null },
    /** The last change of its bassin: a version of its own, so it never makes the sign-in settings stale. */
    bassinChange: { type: lastChangeSchema, default: () => ({}) },
    /** Password accounts must sign in with a second factor (those without one set it up at next sign-in). */
    secondFactorRequired: { type: Boolean, default: false },
    /** The organisation's OpenID Connect provider; the client secret never leaves the server. */
    identityProvider: {
      type: new Schema(
        {
          label: { type: String, required: true },
          issuer: { type: String, required: true },
          clientId: { type: String, required: true },
          clientSecret: { type: String, required: true },
          emailDomains: { type: [String], default: [] },
        },
        { _id: false },
      ),
      default: null,
    },
    /** The last change of its sign-in settings by its managers: their version. */
    lastChange: { type: lastChangeSchema, default: () => ({}) },
  },
  { timestamps: true },
);

/** An organisation taking part in the programme (hospital, maison médicale, CPAS, ONE...). */
export type OrganisationDocument = InferSchemaType<typeof organisationSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Organisations, each with its own access managers. */
export const OrganisationModel = mongoose.model('Organisation', organisationSchema);
