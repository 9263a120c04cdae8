import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { accountChangeKinds } from '@concerto/shared';

const accountChangeSchema = new Schema({
  organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
  professionalId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  /** Names copied at the time: the log stays readable if accounts change later. */
  professionalName: { type: String, required: true },
  kind: { type: String, enum: accountChangeKinds, required: true },
  healthRole: { type: String, enum: ['A', 'B'], required: true },
  previousHealthRole: { type: String, enum: ['A', 'B', null], default: null },
  byKind: { type: String, enum: ['admin', 'professional'], required: true },
  byUserId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  byName: { type: String, required: true },
  at: { type: Date, required: true },
});
accountChangeSchema.index({ organisationId: 1, at: -1 });

/** One grant or change of an account's rights. Append-only: no API edits or deletes it. */
export type AccountChangeDocument = InferSchemaType<typeof accountChangeSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** The log of grants and changes of rights, per organisation. */
export const AccountChangeModel = mongoose.model('AccountChange', accountChangeSchema);
