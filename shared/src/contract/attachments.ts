import { z } from 'zod';
import { attachmentTypes } from '../domain/attachments.ts';
import { IdSchema } from '../domain/family.ts';

/** What a document on the family file holds, as for indicators: a medical one is Role A's. */
export const attachmentCategories = ['general', 'social', 'medical'] as const;

/** `POST /api/families/:id/attachments?…`: the file itself is the body, sent with its own content type. */
export const AddAttachmentQuerySchema = z.strictObject({
  /** The file's name as the person chose it (kept without path or control characters). */
  name: z.string().trim().min(1).max(300).optional(),
  /** The space it goes in; without it, the family file. */
  spaceId: IdSchema.optional(),
  category: z.enum(attachmentCategories).default('general'),
  aboutMemberId: IdSchema.optional(),
  /** Members of the family it is shared with personally (family-file documents), comma-separated ids. */
  sharedWith: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').filter(Boolean) : []))
    .pipe(z.array(IdSchema).max(20)),
});

/** `GET /api/families/:id/attachments?spaceId=`: one space's documents, or the family file's. */
export const AttachmentListQuerySchema = z.strictObject({ spaceId: IdSchema.optional() });

/** One document as its reader sees it. */
export const AttachmentViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  contentType: z.enum(attachmentTypes),
  size: z.number().int(),
  addedAt: z.string(),
  /** Who added it; null for a professional hidden from the caller. */
  addedByName: z.string().nullable(),
  spaceId: IdSchema.nullable(),
  category: z.enum(attachmentCategories),
  aboutMemberId: IdSchema.nullable(),
  /** Only the team sees with whom a family-file document is shared. */
  sharedWithMemberIds: z.array(IdSchema).optional(),
  canDelete: z.boolean(),
});

/** One document as its reader sees it. */
export type AttachmentView = z.infer<typeof AttachmentViewSchema>;

/** The documents of the family file or of one space, what the caller may add, and the size limit. */
export const AttachmentListSchema = z.object({
  attachments: z.array(AttachmentViewSchema),
  /** The categories the caller may add here (a space takes `general` only); empty when she may add none. */
  canAdd: z.array(z.enum(attachmentCategories)),
  maxBytes: z.number().int(),
});

/** The documents of the family file or of one space. */
export type AttachmentList = z.infer<typeof AttachmentListSchema>;

/** Whether someone has a DMG (dossier médical global) with her GP: yes, no, or not known yet. */
export const globalMedicalRecordStates = ['yes', 'no', 'unknown'] as const;

/** `PUT /api/families/:id/members/:memberId/general-practitioner`: the member's regular GP and her DMG. */
export const GeneralPractitionerRequestSchema = z.strictObject({
  /** The GP's name; empty when she has none. */
  name: z.string().trim().max(120).default(''),
  practice: z.string().trim().max(160).default(''),
  phone: z.string().trim().max(40).default(''),
  globalMedicalRecord: z.enum(globalMedicalRecordStates).default('unknown'),
});

/** One member's GP and DMG as recorded on the family file. */
export const GeneralPractitionerViewSchema = z.object({
  memberId: IdSchema,
  name: z.string(),
  practice: z.string(),
  phone: z.string(),
  globalMedicalRecord: z.enum(globalMedicalRecordStates),
  recordedAt: z.string(),
  recordedByName: z.string().nullable(),
});

/** One member's GP and DMG. */
export type GeneralPractitionerView = z.infer<typeof GeneralPractitionerViewSchema>;

/** `GET /api/families/:id/general-practitioners`: the records the caller may see, and whether she may record. */
export const GeneralPractitionersSchema = z.object({
  records: z.array(GeneralPractitionerViewSchema),
  canRecord: z.boolean(),
});
