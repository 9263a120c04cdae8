import { linkOf, memberIdOf, type Actor, type SharedItem } from './actor.ts';
import { canOnItem } from './items.ts';
import { spaceAccessFor, type SpaceFamilyScope, type SpaceScope } from './spaces.ts';

/** What the policy needs to know about one document (an attachment), or about one about to be added. */
export interface AttachmentScope {
  /** The space it is attached to: it then has exactly that space's audience. Null for the family file. */
  space: SpaceScope | null;
  /** On the family file, what it holds (a medical letter is Role A's), like an indicator. */
  category: SharedItem['category'];
  /** The member it is about: her consent to sharing within the team governs it, like an indicator. */
  aboutMemberId: string | null;
  /** On the family file, the members it was shared with one by one (nobody else in the family reads it). */
  sharedWithMemberIds: readonly string[];
  /** Who added it: a professional keeps her own document, a member the one she added. */
  addedBy: { professionalId: string } | { memberId: string };
}

/** Actions on one document. */
export const attachmentActions = ['attachment.add', 'attachment.read', 'attachment.delete'] as const;
/** An action on one document. */
export type AttachmentAction = (typeof attachmentActions)[number];

const rank = { none: 0, read: 1, contribute: 2, write: 3 } as const;

function addedByActor(actor: Actor, attachment: AttachmentScope): boolean {
  const { addedBy } = attachment;
  if ('memberId' in addedBy) return memberIdOf(actor) === addedBy.memberId;
  return actor.kind === 'professional' && actor.userId === addedBy.professionalId;
}

/** A document in a space follows the space: who reads it reads them, who contributes adds one. */
function canInSpace(
  actor: Actor,
  action: AttachmentAction,
  family: SpaceFamilyScope,
  attachment: AttachmentScope,
  space: SpaceScope,
): boolean {
  const access = rank[spaceAccessFor(actor, space, family)];
  if (action === 'attachment.read') return access >= rank.read;
  if (action === 'attachment.add') return access >= rank.contribute;
  // Taking one away: whoever writes the space, or its author while she still contributes to it.
  return access >= rank.write || (access >= rank.contribute && addedByActor(actor, attachment));
}

/**
 * A document on the family file is read like an indicator (the team, medical ones Role A only, hidden
 * from the team when the member it is about withdrew her consent, except from its author; a family
 * member only when it was shared with her personally). Only the team adds them; a medical one only
 * Role A. Its author or the family's coordinator takes it away.
 */
function canOnFile(
  actor: Actor,
  action: AttachmentAction,
  family: SpaceFamilyScope,
  attachment: AttachmentScope,
): boolean {
  const link = linkOf(actor, family);
  const item: SharedItem = {
    category: attachment.category,
    sharedWithMemberIds: attachment.sharedWithMemberIds,
    aboutMemberId: attachment.aboutMemberId,
    authorId: 'professionalId' in attachment.addedBy ? attachment.addedBy.professionalId : null,
  };
  const reads = canOnItem(actor, 'item.read', family, item);
  if (action === 'attachment.read') return reads;
  if (!link) return false;
  if (action === 'attachment.add') return reads;
  return reads && (addedByActor(actor, attachment) || link.functions.includes('coordinator'));
}

/** Whether the actor may add, read or take away this document; the REST routes and the exports ask here. */
export function canOnAttachment(
  actor: Actor,
  action: AttachmentAction,
  family: SpaceFamilyScope,
  attachment: AttachmentScope,
): boolean {
  if (attachment.space) return canInSpace(actor, action, family, attachment, attachment.space);
  return canOnFile(actor, action, family, attachment);
}

/**
 * Whether a document concerns this member, for her data download (GDPR): about her, shared with her
 * personally, or added by her. Reading it still needs `attachment.read`.
 */
export function attachmentConcernsMember(actor: Actor, attachment: AttachmentScope): boolean {
  const memberId = memberIdOf(actor);
  if (!memberId) return false;
  return (
    attachment.aboutMemberId === memberId ||
    attachment.sharedWithMemberIds.includes(memberId) ||
    ('memberId' in attachment.addedBy && attachment.addedBy.memberId === memberId)
  );
}

/** How the actor is named as the one adding a document (a professional, or a member of the family). */
export function attachmentAuthorOf(actor: Actor): AttachmentScope['addedBy'] {
  if (actor.kind === 'familyMember') return { memberId: actor.memberId };
  return { professionalId: actor.kind === 'professional' ? actor.userId : '' };
}
