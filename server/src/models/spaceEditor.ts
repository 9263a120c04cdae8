import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const spaceEditorSchema = new Schema({
  /** The document's name: its space id. */
  docName: { type: String, required: true },
  /** `professional:<userId>` or `familyMember:<memberId>`: one record per person and space. */
  editorKey: { type: String, required: true },
  kind: { type: String, enum: ['professional', 'familyMember'], required: true },
  refId: { type: String, required: true },
  /** Her name at her latest edit (names are shown as they were then, like a signature). */
  name: { type: String, required: true },
  /** Yjs client ids whose edits she sent first: every item those clients created is hers. */
  clientIds: { type: [Number], default: [] },
  /**
   * What she deleted, as encoded Yjs delete sets (one per flush, merged when the document is compacted):
   * a Yjs deletion carries no author, so the server records it from the connection that sent it.
   */
  deletions: { type: [Buffer], default: [] },
  lastEditAt: { type: Date, required: true },
});
spaceEditorSchema.index({ docName: 1, editorKey: 1 }, { unique: true });

/** One person who edited one space, with what she created and deleted there (for the space's history). */
export type SpaceEditorDocument = InferSchemaType<typeof spaceEditorSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Who edited each space, recorded by the collaboration server from authenticated connections. */
export const SpaceEditorModel = mongoose.model('SpaceEditor', spaceEditorSchema);
