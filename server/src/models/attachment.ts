import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { attachmentCategories, attachmentTypes } from '@concerto/shared';

const { ObjectId } = Schema.Types;

const attachmentSchema = new Schema({
  familyId: { type: ObjectId, ref: 'Family', required: true },
  /** The space it is attached to (it then has that space's audience); null on the family file. */
  spaceId: { type: ObjectId, ref: 'Space', default: null },
  /** The file's bytes in GridFS (bucket `attachments`), whose metadata names the family too. */
  fileId: { type: ObjectId, required: true },
  name: { type: String, required: true },
  /** The type read from the file's first bytes, never the one the sender declared. */
  contentType: { type: String, enum: attachmentTypes, required: true },
  size: { type: Number, required: true },
  category: { type: String, enum: attachmentCategories, default: 'general' },
  aboutMemberId: { type: ObjectId, default: null },
  sharedWithMemberIds: { type: [ObjectId], default: [] },
  addedByUserId: { type: ObjectId, ref: 'User', default: null },
  addedByMemberId: { type: ObjectId, default: null },
  /** Name copied at the time, for the list (the account or member may change later). */
  addedByName: { type: String, required: true },
  addedAt: { type: Date, required: true },
});
attachmentSchema.index({ familyId: 1, spaceId: 1, addedAt: -1 });

/** A document (a letter, a discharge summary, a photo of a prescription) on a family file or in a space. */
export type AttachmentDocument = InferSchemaType<typeof attachmentSchema> & { _id: mongoose.Types.ObjectId };

/** Documents' descriptions; their bytes live in GridFS. */
export const AttachmentModel = mongoose.model('Attachment', attachmentSchema);
