import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { notificationKinds } from '@concerto/shared';

const notificationSchema = new Schema({
  /** `professional:<userId>` or `familyMember:<memberId>`. */
  recipientKey: { type: String, required: true },
  familyId: { type: Schema.Types.ObjectId, ref: 'Family', default: null },
  kind: { type: String, enum: notificationKinds, required: true },
  /** Who acted, or null when the recipient may not see who (she reads "the team"). */
  who: { type: String, default: null },
  link: { type: String, required: true },
  createdAt: { type: Date, required: true },
  readAt: { type: Date, default: null },
  emailedAt: { type: Date, default: null },
});
notificationSchema.index({ recipientKey: 1, createdAt: -1 });

/** A notification: who did what kind of thing and where to look; never the content itself. */
export type NotificationDocument = InferSchemaType<typeof notificationSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Notifications. */
export const NotificationModel = mongoose.model('Notification', notificationSchema);
