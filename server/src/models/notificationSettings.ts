import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const notificationSettingsSchema = new Schema({
  /** `professional:<userId>` or `familyMember:<memberId>`. */
  recipientKey: { type: String, required: true },
  email: { type: Boolean, default: true },
  /** A family member's own address (professionals are written to at their account's email). */
  emailAddress: { type: String, default: null },
  digest: { type: Boolean, default: false },
  push: { type: Boolean, default: false },
  pushSubscriptions: {
    type: [new Schema({ endpoint: String, p256dh: String, auth: String }, { _id: false })],
    default: [],
  },
  lastDigestAt: { type: Date, default: null },
});
notificationSettingsSchema.index({ recipientKey: 1 }, { unique: true });

/** One person's notification channels and digest choice. */
export type NotificationSettingsDocument = InferSchemaType<typeof notificationSettingsSchema> & {
  _id: mongoose.Types.ObjectId;
};

/** Notification settings, one per person. */
export const NotificationSettingsModel = mongoose.model('NotificationSettings', notificationSettingsSchema);
