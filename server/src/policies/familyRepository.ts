import mongoose from 'mongoose';
import {
  can,
  fileAllows,
  hiddenProfessionalIds,
  isRoleA,
  linkOf,
  mayLoadCategory,
  maySeeMember,
  maySeeProfessional,
  memberIdOf,
  type Actor,
  type FamilyAction,
  type FamilyScope,
  type SharedItem,
} from '@concerto/shared';
import type { AuthContext } from '../auth/sessions.ts';
import { fileClosed, forbidden } from '../http/errors.ts';
import { FamilyModel } from '../models/family.ts';
import { recordAudit, type AuditPart } from './audit.ts';
import { membershipScopes, scopeOf } from './familyScope.ts';

type FamilyHydrated = InstanceType<typeof FamilyModel>;
type Indicator = FamilyHydrated['indicators'][number];
/** An indicator as read from the database for one caller. */
export type IndicatorRecord = Pick<
  Indicator,
  | '_id'
  | 'key'
  | 'category'
  | 'aboutMemberId'
  | 'note'
  | 'recordedBy'
  | 'recordedAt'
  | 'sharedWithMemberIds'
  | 'lastChange'
  | 'status'
  | 'statusHistory'
>;

/** Fields of a family file that are never loaded with it: medical records come only through `indicators()`. */
export const familyProjection = { indicators: 0 } as const;

/** An indicator as the policy reads it. */
export function indicatorItem(indicator: IndicatorRecord): SharedItem {
  return {
    category: indicator.category,
    sharedWithMemberIds: indicator.sharedWithMemberIds.map(String),
    aboutMemberId: indicator.aboutMemberId ? String(indicator.aboutMemberId) : null,
    authorId: String(indicator.recordedBy),
  };
}

/**
 * A family file read through one caller's rights (Medplum's repository is the model): the family is
 * loaded without its indicators, which come from a query that leaves out what the caller may not
 * read, and every access is written to the audit trail.
 */
export class FamilyRepository {
  readonly actor: Actor;
  scope: FamilyScope;

  constructor(
    readonly auth: AuthContext,
    readonly family: FamilyHydrated,
    private readonly requestId: unknown,
  ) {
    this.actor = auth.actor;
    this.scope = scopeOf(family);
  }

  /** The same loaded file read through someone else's rights (a preview of what a member will see). */
  viewedBy(actor: Exclude<Actor, { kind: 'anonymous' }>): FamilyRepository {
    return new FamilyRepository({ ...this.auth, actor }, this.family, this.requestId);
  }

  /** Re-reads the scope after the team or the consents changed in memory. */
  refresh(): FamilyScope {
    this.scope = scopeOf(this.family);
    return this.scope;
  }

  /** Whether the caller may do this on the family (the one policy). */
  can(action: FamilyAction): boolean {
    return can(this.actor, action, { kind: 'family', family: this.scope });
  }

  /** 403 unless the caller may do this on the family (`file_closed` when only the file's closing stops her). */
  require(action: FamilyAction, message?: string): void {
    if (this.can(action)) return;
    const open = { kind: 'family', family: { ...this.scope, closed: false } } as const;
    if (this.scope.closed && can(this.actor, action, open)) throw fileClosed();
    throw forbidden(message);
  }

  /** 403 `file_closed` when the file is closed and the policy keeps `action` (a change by default) for open files. */
  requireOpenFile(action?: FamilyAction): void {
    if (!fileAllows(this.scope, action ?? 'family.update')) throw fileClosed();
  }

  /** Appends one access to the family's audit trail. */
  audit(access: 'read' | 'write', part: AuditPart): Promise<void> {
    return recordAudit(this.auth, this.family._id, access, part, this.requestId);
  }

  /**
   * The indicators the caller may read. The database filters them: a medical indicator never leaves
   * the query for anyone but a Role A professional on the team, a member receives only what was shared
   * with her; the policy then decides item by item (withdrawn consents).
   */
  async indicators(): Promise<IndicatorRecord[]> {
    const memberId = memberIdOf(this.actor);
    let condition: unknown;
    if (memberId) condition = { $in: [new mongoose.Types.ObjectId(memberId), '$$this.sharedWithMemberIds'] };
    else if (!linkOf(this.actor, this.scope)) return [];
    else if (mayLoadCategory(this.actor, this.scope, 'medical') && isRoleA(this.actor)) condition = true;
    else condition = { $ne: ['$$this.category', 'medical'] };
    const [found] = await FamilyModel.aggregate<{ indicators: IndicatorRecord[] }>([
      { $match: { _id: this.family._id } },
      { $project: { indicators: { $filter: { input: '$indicators', cond: condition } } } },
    ]);
    return (found?.indicators ?? []).filter((indicator) =>
      can(this.actor, 'item.read', { kind: 'item', family: this.scope, item: indicatorItem(indicator) }),
    );
  }

  /** Team memberships the caller may see: the team sees all of them, a member the current ones not hidden from her. */
  team(): FamilyHydrated['team'][number][] {
    const scopes = membershipScopes(this.family);
    return this.family.team.filter((_membership, index) =>
      maySeeProfessional(this.actor, this.scope, scopes[index]!),
    );
  }

  /** Professionals hidden from the caller (wherever they are named: meetings, functions, the room). */
  hiddenProfessionals(): Set<string> {
    return hiddenProfessionalIds(this.actor, this.scope, membershipScopes(this.family));
  }

  /** Family members whose own details the caller may see: all for the team, herself for a member. */
  members(): FamilyHydrated['members'][number][] {
    return this.family.members.filter((member) => maySeeMember(this.actor, this.scope, String(member._id)));
  }

  /** Consents of the members the caller may see: a member never learns another member's choices. */
  consents(): FamilyHydrated['consents'][number][] {
    return this.family.consents.filter((consent) =>
      maySeeMember(this.actor, this.scope, String(consent.memberId)),
    );
  }
}
