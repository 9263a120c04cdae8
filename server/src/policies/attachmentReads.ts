import mongoose from 'mongoose';
import {
  attachmentConcernsMember,
  can,
  isCanonicalId,
  mayLoadCategory,
  memberIdOf,
  readsAsTeam,
  type AttachmentAction,
  type AttachmentScope,
  type AttachmentView,
  type MemberData,
  type SpaceFamilyScope,
  type SpaceScope,
} from '@concerto/shared';
import { notFound } from '../http/errors.ts';
import { AttachmentModel, type AttachmentDocument } from '../models/attachment.ts';
import { GeneralPractitionerModel } from '../models/generalPractitioner.ts';
import { SpaceModel } from '../models/space.ts';
import type { FamilyRepository } from './familyRepository.ts';
import { audienceOf, spaceFamilyScopeOf } from './familyScope.ts';

/** A stored document with what the policy reads of it. */
export interface ReadableAttachment {
  attachment: AttachmentDocument;
  scope: AttachmentScope;
}

/** A stored document as the policy reads it, given its space (null on the family file). */
export function attachmentScopeOf(
  attachment: Pick<
    AttachmentDocument,
    'category' | 'aboutMemberId' | 'sharedWithMemberIds' | 'addedByUserId' | 'addedByMemberId'
  >,
  space: SpaceScope | null,
): AttachmentScope {
  return {
    space,
    category: attachment.category ?? 'general',
    aboutMemberId: attachment.aboutMemberId ? String(attachment.aboutMemberId) : null,
    sharedWithMemberIds: attachment.sharedWithMemberIds.map(String),
    addedBy: attachment.addedByMemberId
      ? { memberId: String(attachment.addedByMemberId) }
      : { professionalId: String(attachment.addedByUserId) },
  };
}

/** One space of the family as the policy reads it, or a 404 when the family has no such space. */
export async function spaceScopeIn(
  opened: FamilyRepository,
  spaceId: string,
): Promise<{ id: mongoose.Types.ObjectId; scope: SpaceScope }> {
  if (!isCanonicalId(spaceId)) throw notFound('space');
  const space = await SpaceModel.findOne({ _id: spaceId, familyId: opened.family._id }).lean();
  // Network meetings' notes belong to no family: they take no documents here.
  if (!space || space.kind === 'networkNotes') throw notFound('space');
  return { id: space._id, scope: { kind: space.kind, audience: audienceOf(space) } };
}

/**
 * The documents of the family file (spaceId null) or of one space that the caller may read. For the
 * file, the query itself leaves out medical documents for anyone but Role A on the team, and gives a
 * member only what was shared with her; the policy then decides document by document.
 */
export async function readableAttachments(
  opened: FamilyRepository,
  familyScope: SpaceFamilyScope,
  space: { id: mongoose.Types.ObjectId; scope: SpaceScope } | null,
): Promise<ReadableAttachment[]> {
  const filter: Record<string, unknown> = { familyId: opened.family._id, spaceId: space?.id ?? null };
  const memberId = memberIdOf(opened.actor);
  if (!space && memberId) filter.sharedWithMemberIds = new mongoose.Types.ObjectId(memberId);
  if (!space && !mayLoadCategory(opened.actor, opened.scope, 'medical'))
    filter.category = mongoose.trusted({ $ne: 'medical' });
  const stored = await AttachmentModel.find(filter).sort({ addedAt: -1 }).lean();
  return stored
    .map((attachment) => ({ attachment, scope: attachmentScopeOf(attachment, space?.scope ?? null) }))
    .filter(({ scope }) => mayOn(opened, familyScope, 'attachment.read', scope));
}

/** Whether the caller may do `action` on a document of this family (the one policy). */
export function mayOn(
  opened: FamilyRepository,
  familyScope: SpaceFamilyScope,
  action: AttachmentAction,
  scope: AttachmentScope,
): boolean {
  return can(opened.actor, action, { kind: 'attachment', family: familyScope, attachment: scope });
}

/** One document of the family the caller may read, with its scope; 404 otherwise (its existence is not told). */
export async function readableAttachment(
  opened: FamilyRepository,
  attachmentId: string,
): Promise<ReadableAttachment & { familyScope: SpaceFamilyScope }> {
  const attachment = await AttachmentModel.findOne({
    _id: attachmentId,
    familyId: opened.family._id,
  }).lean();
  if (!attachment) throw notFound('document');
  const space = attachment.spaceId ? await spaceScopeIn(opened, String(attachment.spaceId)) : null;
  const familyScope = await spaceFamilyScopeOf(opened.family);
  const scope = attachmentScopeOf(attachment, space?.scope ?? null);
  if (!mayOn(opened, familyScope, 'attachment.read', scope)) throw notFound('document');
  return { attachment, scope, familyScope };
}

/** A document as its reader sees it: whom a file document is shared with only for the team. */
export function presentAttachment(
  opened: FamilyRepository,
  familyScope: SpaceFamilyScope,
  { attachment, scope }: ReadableAttachment,
): AttachmentView {
  const hidden =
    attachment.addedByUserId && opened.hiddenProfessionals().has(String(attachment.addedByUserId));
  return {
    id: String(attachment._id),
    name: attachment.name,
    contentType: attachment.contentType,
    size: attachment.size,
    addedAt: attachment.addedAt.toISOString(),
    addedByName: hidden ? null : attachment.addedByName,
    spaceId: attachment.spaceId ? String(attachment.spaceId) : null,
    category: attachment.category ?? 'general',
    aboutMemberId: attachment.aboutMemberId ? String(attachment.aboutMemberId) : null,
    ...(readsAsTeam(opened.actor, opened.scope)
      ? { sharedWithMemberIds: attachment.sharedWithMemberIds.map(String) }
      : {}),
    canDelete: mayOn(opened, familyScope, 'attachment.delete', scope),
  };
}

/**
 * For a member's data download: the documents that concern her (about her, shared with her, added by
 * her) among those she may read, on the file and in every space, and her own GP record.
 */
export async function memberAttachmentData(
  opened: FamilyRepository,
): Promise<Pick<MemberData, 'documents' | 'generalPractitioner'>> {
  const familyScope = await spaceFamilyScopeOf(opened.family);
  const spaces = await SpaceModel.find({ familyId: opened.family._id }).lean();
  const places = [
    null,
    ...spaces.map((space) => ({ id: space._id, scope: { kind: space.kind, audience: audienceOf(space) } })),
  ];
  const readable = (
    await Promise.all(places.map((place) => readableAttachments(opened, familyScope, place)))
  ).flat();
  const memberId = memberIdOf(opened.actor);
  const gp = memberId
    ? await GeneralPractitionerModel.findOne({
        familyId: opened.family._id,
        memberId: new mongoose.Types.ObjectId(memberId),
      }).lean()
    : null;
  return {
    documents: readable
      .filter(({ scope }) => attachmentConcernsMember(opened.actor, scope))
      .map(({ attachment }) => ({
        name: attachment.name,
        contentType: attachment.contentType,
        size: attachment.size,
        addedAt: attachment.addedAt.toISOString(),
        downloadPath: `/api/families/${String(opened.family._id)}/attachments/${String(attachment._id)}`,
      })),
    generalPractitioner: gp
      ? { name: gp.name, practice: gp.practice, phone: gp.phone, globalMedicalRecord: gp.globalMedicalRecord }
      : null,
  };
}
