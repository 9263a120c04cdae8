import type mongoose from 'mongoose';
import {
  attachmentAuthorOf,
  memberIdOf,
  professionalIdOf,
  safeAttachmentName,
  sniffAttachmentType,
  undeclaredAttachmentType,
  type AttachmentScope,
  type AttachmentType,
  type SpaceFamilyScope,
  type SpaceScope,
} from '@concerto/shared';
import { deleteAttachmentBytes, storeAttachmentBytes } from '../db/attachmentBytes.ts';
import { HttpError, forbidden, invalidField, notFound } from '../http/errors.ts';
import { AttachmentModel, type AttachmentDocument } from '../models/attachment.ts';
import { mayOn } from '../policies/attachmentReads.ts';
import type { FamilyRepository } from '../policies/familyRepository.ts';

/** What the sender said about the file: its name, where it goes, and for the family file whom it concerns. */
export interface AttachmentRequest {
  name?: string | undefined;
  category: AttachmentScope['category'];
  aboutMemberId?: string | undefined;
  sharedWith: string[];
  /** The content type the request declared (checked against the bytes). */
  declaredType: string;
}

const extensionOf: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

function assertTargets(opened: FamilyRepository, input: AttachmentRequest, inSpace: boolean): void {
  const members = new Set(opened.family.members.map((member) => String(member._id)));
  if (input.aboutMemberId && !members.has(input.aboutMemberId))
    throw invalidField('aboutMemberId', 'not a member of this family');
  input.sharedWith.forEach((id, index) => {
    if (!members.has(id)) throw invalidField(`sharedWith.${index}`, 'not a member of this family');
  });
  // A space's document has the space's audience: sharing it one by one would say something else.
  if (inSpace && (input.sharedWith.length > 0 || input.category !== 'general'))
    throw invalidField('spaceId', "a space's documents have the space's audience: no category or sharing");
}

/** The real type of the bytes, refusing a file that is none of the accepted kinds or not what it says. */
function checkedType(bytes: Buffer, declaredType: string): AttachmentType {
  if (bytes.length === 0) throw new HttpError(400, 'document_empty', 'The file is empty.');
  const real = sniffAttachmentType(bytes);
  if (!real)
    throw new HttpError(
      400,
      'document_type_refused',
      'Only PDF files and images (PNG, JPEG, WebP, HEIC) are accepted: the file is none of them.',
    );
  const declared = declaredType.split(';')[0]!.trim().toLowerCase();
  if (declared !== undeclaredAttachmentType && declared !== real)
    throw new HttpError(
      400,
      'document_type_mismatch',
      `The file says it is ${declared} but its content is ${real}: send it with its real type.`,
      { declared, real },
    );
  return real;
}

/**
 * Adds a document to the family file or to one of its spaces, if the policy lets the caller: checks its
 * real type from its first bytes, stores the bytes in GridFS, then its description (removing the bytes
 * again if the description cannot be written).
 */
export async function addAttachment(
  opened: FamilyRepository,
  familyScope: SpaceFamilyScope,
  space: { id: mongoose.Types.ObjectId; scope: SpaceScope } | null,
  input: AttachmentRequest,
  bytes: Buffer,
): Promise<AttachmentDocument> {
  assertTargets(opened, input, !!space);
  const memberId = memberIdOf(opened.actor);
  const professionalId = professionalIdOf(opened.actor);
  const scope: AttachmentScope = {
    space: space?.scope ?? null,
    category: input.category,
    aboutMemberId: input.aboutMemberId ?? null,
    sharedWithMemberIds: input.sharedWith,
    addedBy: attachmentAuthorOf(opened.actor),
  };
  if (!mayOn(opened, familyScope, 'attachment.add', scope)) {
    // Someone who cannot even read the space does not learn it exists.
    if (space && !mayOn(opened, familyScope, 'attachment.read', scope)) throw notFound('space');
    throw forbidden('You may not add this document here.');
  }
  const contentType = checkedType(bytes, input.declaredType);
  const requested = safeAttachmentName(input.name ?? '');
  const name = input.name ? requested : `document.${extensionOf[contentType]}`;
  const fileId = await storeAttachmentBytes(bytes, { familyId: opened.family._id, name, contentType });
  try {
    const created = await AttachmentModel.create({
      familyId: opened.family._id,
      spaceId: space?.id ?? null,
      fileId,
      name,
      contentType,
      size: bytes.length,
      category: input.category,
      aboutMemberId: input.aboutMemberId ?? null,
      sharedWithMemberIds: input.sharedWith,
      addedByUserId: professionalId,
      addedByMemberId: memberId,
      addedByName: opened.auth.displayName,
      addedAt: new Date(),
    });
    return created.toObject();
  } catch (error) {
    await deleteAttachmentBytes(fileId).catch(() => undefined);
    throw error;
  }
}

/** Takes a document away: its description first (nobody can open it any more), then its bytes. */
export async function removeAttachment(attachment: AttachmentDocument): Promise<void> {
  await AttachmentModel.deleteOne({ _id: attachment._id });
  await deleteAttachmentBytes(attachment.fileId);
}
