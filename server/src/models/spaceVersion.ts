import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { versionReasons } from '@concerto/shared';

const versionAuthorSchema = new Schema(
  {
    editorKey: { type: String, required: true },
    kind: { type: String, enum: ['professional', 'familyMember'], required: true },
    refId: { type: String, required: true },
    name: { type: String, required: true },
  },
  { _id: false },
);

const spaceVersionSchema = new Schema({
  spaceId: { type: Schema.Types.ObjectId, ref: 'Space', required: true },
  familyId: { type: Schema.Types.ObjectId, ref: 'Family', required: true },
  createdAt: { type: Date, required: true },
  reason: { type: String, enum: versionReasons, required: true },
  name: { type: String, default: null },
  concertationId: { type: Schema.Types.ObjectId, ref: 'Concertation', default: null },
  concertationAt: { type: Date, default: null },
  namedBy: { type: String, default: null },
  /** Who edited the space between the previous version and this one. */
  authors: { type: [versionAuthorSchema], default: [] },
  /**
   * The whole document as one Yjs update. A document is capped at 8 MiB (collabLimits), so a version
   * stays far below MongoDB's 16 MiB; it does not depend on the update records, which compaction replaces.
   */
  state: { type: Buffer, required: true },
  /** The Yjs state vector then: an item created later is a change since this version. */
  stateVector: { type: Buffer, required: true },
});
spaceVersionSchema.index({ spaceId: 1, createdAt: -1 });

/** One kept version of a space. */
export type SpaceVersionDocument = InferSchemaType<typeof spaceVersionSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Versions of spaces: never rewritten, only added (and thinned, automatic ones, past a bound). */
export const SpaceVersionModel = mongoose.model('SpaceVersion', spaceVersionSchema);
