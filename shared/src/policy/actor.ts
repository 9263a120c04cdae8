import type { TeamFunction } from '../domain/family.ts';

/** A professional's health role: A = health professional (AR 78), B = bound by non-medical secrecy. */
export type HealthRole = 'A' | 'B';

/** Who is asking. Family members never hold a password account: their session comes from an invitation. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'admin'; userId: string }
  | {
      kind: 'professional';
      userId: string;
      healthRole: HealthRole;
      organisationId: string;
      accessManager: boolean;
    }
  | { kind: 'familyMember'; familyId: string; memberId: string }
  /**
   * A guest with a one-meeting pass (an interpreter): no account, no membership, nothing of the file; the
   * policy lets her into that one concertation's room of that one family, and nowhere else.
   */
  | { kind: 'guest'; guestId: string; familyId: string; concertationId: string };

/** The kinds of actor, for exhaustive tables. */
export type ActorKind = Actor['kind'];
/** A signed-in professional. */
export type ProfessionalActor = Extract<Actor, { kind: 'professional' }>;
/** A family member signed in through her personal invitation. */
export type FamilyMemberActor = Extract<Actor, { kind: 'familyMember' }>;
/** A guest (an interpreter) let into one concertation's room by a one-meeting pass. */
export type GuestActor = Extract<Actor, { kind: 'guest' }>;

/** One active membership of the care team, as the policy sees it. */
export interface TeamLink {
  professionalId: string;
  functions: readonly TeamFunction[];
  /** Family members who must not see this professional (e.g. a violence-support worker). */
  hiddenFromMemberIds?: readonly string[];
}

/** What the policy needs to know about one family file: who has a therapeutic link, and consents. */
export interface FamilyScope {
  familyId: string;
  /** Professionals currently on the care team; ended memberships are not listed (no link any more). */
  team: readonly TeamLink[];
  /** Members who withdrew their consent to sharing within the team. */
  sharingWithdrawnMemberIds: readonly string[];
  /** Members who withdrew their consent to take part in concertations: no meeting, decision or space. */
  participationWithdrawnMemberIds?: readonly string[];
  /** The file was closed or the family left the programme: it is kept read-only until it is purged. */
  closed?: boolean;
}

/** Something in the file that can be shared with family members one by one. */
export interface SharedItem {
  category: 'general' | 'social' | 'medical';
  /** Family members this item was shared with personally. */
  sharedWithMemberIds: readonly string[];
  /** The member the item is about, if any (their consent governs sharing it in the team). */
  aboutMemberId?: string | null;
  /** The professional who recorded it: they keep access to their own record. */
  authorId?: string | null;
}

/** The professional's user id, or null for anyone else (used to name authors, never to decide access). */
export function professionalIdOf(actor: Actor): string | null {
  return actor.kind === 'professional' ? actor.userId : null;
}

/** The account's user id (professional or admin), or null for a family member or anonymous caller. */
export function userIdOf(actor: Actor): string | null {
  return actor.kind === 'professional' || actor.kind === 'admin' ? actor.userId : null;
}

/** The family member's id, or null for anyone else. */
export function memberIdOf(actor: Actor): string | null {
  return actor.kind === 'familyMember' ? actor.memberId : null;
}

/** Narrows to a family member (to read her ids); access itself is decided by `can()`. */
export function asFamilyMember(actor: Actor): FamilyMemberActor | null {
  return actor.kind === 'familyMember' ? actor : null;
}

/** Narrows to a professional (to read her ids); access itself is decided by `can()`. */
export function asProfessional(actor: Actor): ProfessionalActor | null {
  return actor.kind === 'professional' ? actor : null;
}

/** Narrows to a guest (to read her pass's ids); access itself is decided by `can()`. */
export function asGuest(actor: Actor): GuestActor | null {
  return actor.kind === 'guest' ? actor : null;
}

/** A stable key naming one participant in live meetings and attendance lists. */
export function participantKeyOf(actor: Actor): string {
  return `${participantKindOf(actor)}:${memberIdOf(actor) ?? asGuest(actor)?.guestId ?? userIdOf(actor) ?? ''}`;
}

/** Whether the actor is a Role A professional: the only ones who may ever see medical data. */
export function isRoleA(actor: Actor): boolean {
  return actor.kind === 'professional' && actor.healthRole === 'A';
}

/** The caller's active team membership in this family: a therapeutic link, or undefined. */
export function linkOf(actor: Actor, family: Pick<FamilyScope, 'team'>): TeamLink | undefined {
  if (actor.kind !== 'professional') return undefined;
  return family.team.find((membership) => membership.professionalId === actor.userId);
}

/** Whether the actor is a member of this very family. */
export function isOwnFamilyMember(
  actor: Actor,
  family: Pick<FamilyScope, 'familyId'>,
): actor is FamilyMemberActor {
  return actor.kind === 'familyMember' && actor.familyId === family.familyId;
}

/** Whether this member withdrew her consent to take part in concertations. */
export function participationWithdrawn(actor: Actor, family: FamilyScope): boolean {
  const memberId = memberIdOf(actor);
  return !!memberId && (family.participationWithdrawnMemberIds ?? []).includes(memberId);
}

/** How the actor is named as the owner of plan actions ('member' for a family member), or null for the admin. */
export function planOwnerOf(
  actor: Actor,
): { ownerKind: 'professional'; ownerId: string } | { ownerKind: 'member'; ownerId: string } | null {
  if (actor.kind === 'professional') return { ownerKind: 'professional', ownerId: actor.userId };
  if (actor.kind === 'familyMember') return { ownerKind: 'member', ownerId: actor.memberId };
  return null;
}

/** What the policy reads from a stored account to build its actor. */
export interface AccountFacts {
  _id: unknown;
  kind: 'admin' | 'professional';
  healthRole?: HealthRole | null;
  organisationId?: unknown;
  accessManager?: boolean | null;
}

/**
 * The actor of a signed-in account, or null when the account cannot act (a professional without an
 * organisation or a health role).
 */
export function actorOfAccount(account: AccountFacts): Exclude<Actor, { kind: 'anonymous' }> | null {
  if (account.kind === 'admin') return { kind: 'admin', userId: String(account._id) };
  if (!account.organisationId || !account.healthRole) return null;
  return {
    kind: 'professional',
    userId: String(account._id),
    healthRole: account.healthRole,
    organisationId: String(account.organisationId),
    accessManager: !!account.accessManager,
  };
}

/** An account's health role as shown to colleagues: one without a role counts as B (never medical data). */
export function healthRoleOf(account: Pick<AccountFacts, 'healthRole'>): HealthRole {
  return account.healthRole ?? 'B';
}

/** Whether an account is Role A: a health professional who may hold medical data. */
export function isRoleAAccount(account: Pick<AccountFacts, 'healthRole'> | undefined): boolean {
  return account?.healthRole === 'A';
}

/** The ids of the Role A accounts among `accounts`: the team members who may hold medical data. */
export function roleAAccountIds(accounts: readonly Pick<AccountFacts, '_id' | 'healthRole'>[]): string[] {
  return accounts.filter(isRoleAAccount).map((account) => String(account._id));
}

/** Whether an account is its organisation's access manager (shown in staff lists and `GET /me`). */
export function isAccessManager(account: Pick<AccountFacts, 'accessManager'>): boolean {
  return !!account.accessManager;
}

/** What `GET /me` says about the actor's own standing: her role and whether she manages access. */
export function standingOf(actor: Actor): { healthRole: HealthRole; accessManager: boolean } | null {
  return actor.kind === 'professional'
    ? { healthRole: actor.healthRole, accessManager: actor.accessManager }
    : null;
}

/** Which concertations the actor's own calendar lists: those she is invited to, as a professional or a member. */
export function invitationsOf(
  actor: Actor,
): { professionalId: string } | { memberId: string; familyId: string } | null {
  if (actor.kind === 'professional') return { professionalId: actor.userId };
  if (actor.kind === 'familyMember') return { memberId: actor.memberId, familyId: actor.familyId };
  return null;
}

/** How someone appears in live presence lists and attendance: a family member, a guest, or a professional. */
export type ParticipantKind = 'professional' | 'familyMember' | 'guest';

/** Whether someone appears as a family member, a guest (interpreter) or a professional in presence lists. */
export function participantKindOf(actor: Actor): ParticipantKind {
  if (actor.kind === 'familyMember') return 'familyMember';
  if (actor.kind === 'guest') return 'guest';
  return 'professional';
}
