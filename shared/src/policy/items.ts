import {
  isOwnFamilyMember,
  isRoleA,
  linkOf,
  type Actor,
  type FamilyScope,
  type SharedItem,
} from './actor.ts';

/** Actions on one item of a family file (an indicator, a team membership...). */
export const itemActions = ['item.read', 'item.share'] as const;
/** An action on one item of a family file. */
export type ItemAction = (typeof itemActions)[number];

/** Whether the actor may read or share one item: medical items are Role A's, members see what was shared with them. */
export function canOnItem(actor: Actor, action: ItemAction, family: FamilyScope, item: SharedItem): boolean {
  if (linkOf(actor, family)) {
    if (item.category === 'medical' && !isRoleA(actor)) return false;
    const isAuthor = !!item.authorId && item.authorId === linkOf(actor, family)?.professionalId;
    const consentWithdrawn =
      !!item.aboutMemberId && family.sharingWithdrawnMemberIds.includes(item.aboutMemberId);
    if (consentWithdrawn && !isAuthor) return false;
    // Sharing with the family is a professional's act; a medical item only by Role A (checked above).
    return true;
  }
  if (isOwnFamilyMember(actor, family)) {
    return action === 'item.read' && item.sharedWithMemberIds.includes(actor.memberId);
  }
  return false;
}

/**
 * Whether a family-file record of this category may be loaded for the actor at all. Used by the
 * repository to keep medical records out of the database query for everyone but Role A on the team.
 */
export function mayLoadCategory(
  actor: Actor,
  family: FamilyScope,
  category: SharedItem['category'],
): boolean {
  if (category !== 'medical') return true;
  if (linkOf(actor, family)) return isRoleA(actor);
  // A member may read a medical item only when it was shared with her; the repository filters per item.
  return isOwnFamilyMember(actor, family);
}
