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
  | { kind: 'familyMember'; familyId: string; memberId: string };

/** The kinds of actor, for exhaustive tables. */
export type ActorKind = Actor['kind'];

/** What the policy needs to know about one family file: who has a therapeutic link, and consents. */
export interface FamilyScope {
  familyId: string;
  /** Professionals currently on the care team; ended memberships are not listed (no link any more). */
  team: readonly { professionalId: string; functions: readonly TeamFunction[] }[];
  /** Members who withdrew their consent to sharing within the team. */
  sharingWithdrawnMemberIds: readonly string[];
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
