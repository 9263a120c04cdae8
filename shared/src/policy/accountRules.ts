import { healthOrganisationKinds, type Organisation } from '../contract/organisations.ts';
import type { Actor, HealthRole } from './actor.ts';

/** The organisation an account belongs to, as the account rules need it. */
export type AccountOrganisation = Pick<Organisation, 'id' | 'kind'>;

/** An existing account, as the account rules need it. */
export interface ManagedAccount {
  id: string;
  healthRole: HealthRole;
  organisationId: string;
}

function isHealthOrganisation(organisation: AccountOrganisation): boolean {
  return (healthOrganisationKinds as readonly string[]).includes(organisation.kind);
}

/**
 * Who may give an account of `organisation` the health role `role`. Role A (AR 78: it opens medical
 * data) is granted only by the platform admin or by an access manager of that organisation who is Role A
 * in a health organisation; Role B by the admin or any access manager of the organisation (seed 004:
 * each institution's access manager grants its own staff's access).
 */
export function mayGrantHealthRole(
  actor: Actor,
  role: HealthRole,
  organisation: AccountOrganisation,
): boolean {
  if (actor.kind === 'admin') return true;
  if (actor.kind !== 'professional' || !actor.accessManager) return false;
  if (actor.organisationId !== organisation.id) return false;
  if (role === 'B') return true;
  return actor.healthRole === 'A' && isHealthOrganisation(organisation);
}

/**
 * Who may change an existing account (activate it, make it access manager, change its role): only
 * someone who could have granted its current role. A Role B access manager manages Role B staff only.
 */
export function mayManageAccount(
  actor: Actor,
  account: ManagedAccount,
  organisation: AccountOrganisation,
): boolean {
  if (account.organisationId !== organisation.id) return false;
  return mayGrantHealthRole(actor, account.healthRole, organisation);
}

/** Whether `actor` may change the health role of `account` to `role`: never their own. */
export function mayChangeHealthRole(
  actor: Actor,
  account: ManagedAccount,
  role: HealthRole,
  organisation: AccountOrganisation,
): boolean {
  if (actor.kind === 'professional' && actor.userId === account.id) return false;
  return mayManageAccount(actor, account, organisation) && mayGrantHealthRole(actor, role, organisation);
}

/** Who grants rights, as the log of account changes records them; null for anyone else. */
export function grantorOf(actor: Actor): { kind: 'admin' | 'professional'; userId: string } | null {
  if (actor.kind === 'admin' || actor.kind === 'professional')
    return { kind: actor.kind, userId: actor.userId };
  return null;
}

/** The health role an access manager may choose for new staff of the organisation (for the form). */
export function grantableHealthRoles(actor: Actor, organisation: AccountOrganisation): HealthRole[] {
  return (['A', 'B'] as const).filter((role) => mayGrantHealthRole(actor, role, organisation));
}

/** The health roles `actor` may move `account` to (never its current one, never their own account). */
export function healthRoleChangesFor(
  actor: Actor,
  account: ManagedAccount,
  organisation: AccountOrganisation,
): HealthRole[] {
  return (['A', 'B'] as const).filter(
    (role) => role !== account.healthRole && mayChangeHealthRole(actor, account, role, organisation),
  );
}
