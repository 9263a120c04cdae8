import { isOwnFamilyMember, isRoleA, linkOf, type Actor, type FamilyScope } from './actor.ts';
import { fileAllows } from './closing.ts';
import type { TeamMembershipScope } from './team.ts';

/** Actions on a family's contact log as a whole: read it, record a contact, export it for the funder. */
export const contactLogActions = ['contacts.read', 'contacts.record', 'contacts.export'] as const;
/** An action on a family's contact log. */
export type ContactLogAction = (typeof contactLogActions)[number];

/** Actions on one contact: see that it happened, read its note. */
export const contactActions = ['contact.read', 'contact.note.read'] as const;
/** An action on one contact. */
export type ContactAction = (typeof contactActions)[number];

/** What the policy needs to know about one contact. */
export interface ContactScope {
  authorId: string;
  professionalIds: readonly string[];
  memberIds: readonly string[];
  medicalNote: boolean;
  /** Members one of its professionals, or its author, is hidden from (see `contactScopeOf`). */
  hiddenFromMemberIds: readonly string[];
}

/**
 * The team keeps the log (Roles A and B alike: a contact is not medical data, its medical note is); a
 * member reads it too, limited per contact by `canOnContact`. Nobody else knows it exists.
 */
export function canOnContactLog(actor: Actor, action: ContactLogAction, family: FamilyScope): boolean {
  if (!fileAllows(family, action)) return false;
  if (linkOf(actor, family)) return true;
  return isOwnFamilyMember(actor, family) && action === 'contacts.read';
}

/**
 * One contact. The team sees every contact; its note is the author's, and the team's unless it is medical
 * (Role A only) or a member who took part withdrew her consent to sharing within the team. A member sees
 * only a contact she took part in, never its note, and never one with a professional hidden from her: a
 * contact with a protected member does not exist for the member she is protected from.
 */
export function canOnContact(
  actor: Actor,
  action: ContactAction,
  family: FamilyScope,
  contact: ContactScope,
): boolean {
  if (!canOnContactLog(actor, 'contacts.read', family)) return false;
  const link = linkOf(actor, family);
  if (link) {
    if (action === 'contact.read' || contact.authorId === link.professionalId) return true;
    if (contact.medicalNote && !isRoleA(actor)) return false;
    return !contact.memberIds.some((memberId) => family.sharingWithdrawnMemberIds.includes(memberId));
  }
  if (!isOwnFamilyMember(actor, family) || action !== 'contact.read') return false;
  return contact.memberIds.includes(actor.memberId) && !contact.hiddenFromMemberIds.includes(actor.memberId);
}

/** Who may write a medical note on a contact: Role A professionals on the team. */
export function mayWriteMedicalContactNote(actor: Actor, family: FamilyScope): boolean {
  return canOnContactLog(actor, 'contacts.record', family) && isRoleA(actor);
}

/**
 * A stored contact as the policy reads it: the members its professionals or its author are hidden from
 * come from every membership, ended ones included (a violence-support worker who left stays hidden).
 */
export function contactScopeOf(
  contact: Omit<ContactScope, 'hiddenFromMemberIds'>,
  memberships: readonly TeamMembershipScope[],
): ContactScope {
  const hidden = memberships
    .filter(
      (membership) =>
        contact.professionalIds.includes(membership.professionalId) ||
        membership.professionalId === contact.authorId,
    )
    .flatMap((membership) => membership.hiddenFromMemberIds);
  return { ...contact, hiddenFromMemberIds: [...new Set(hidden)] };
}
