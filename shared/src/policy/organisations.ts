import type { Actor } from './actor.ts';

/** Actions on accounts and organisations. */
export const accountActions = [
  'organisation.create',
  'organisation.staff.manage',
  'organisation.read',
  'family.create',
  'professionals.search',
  'organisation.services.export',
  'programme.eligibility.read',
  'programme.eligibility.change',
] as const;
/** An action on accounts and organisations. */
export type AccountAction = (typeof accountActions)[number];

/** The platform (creating organisations, families) or one organisation (its staff). */
export type AccountResource = { kind: 'platform' } | { kind: 'organisation'; organisationId: string };

/**
 * The admin creates organisations and keeps the programme's eligibility rule; professionals open family files and search colleagues; an organisation's staff is managed
 * by the admin or its own access managers; its colleagues know it exists.
 */
export function canOnAccounts(actor: Actor, action: AccountAction, resource: AccountResource): boolean {
  if (resource.kind === 'platform') {
    if (action === 'organisation.create') return actor.kind === 'admin';
    if (action === 'family.create' || action === 'professionals.search') return actor.kind === 'professional';
    // The programme's rule of which BIB scenario opens which funded service: every professional reads it,
    // the platform's admin (the programme) keeps it.
    if (action === 'programme.eligibility.read')
      return actor.kind === 'professional' || actor.kind === 'admin';
    if (action === 'programme.eligibility.change') return actor.kind === 'admin';
    return false;
  }
  const colleague = actor.kind === 'professional' && actor.organisationId === resource.organisationId;
  switch (action) {
    case 'organisation.staff.manage':
      return actor.kind === 'admin' || (colleague && actor.kind === 'professional' && actor.accessManager);
    case 'organisation.read':
      return actor.kind === 'admin' || colleague;
    case 'organisation.services.export':
      // The funded services of its staff, for the funder: its access manager, not the admin (no family data).
      return colleague && actor.kind === 'professional' && actor.accessManager;
    default:
      return false;
  }
}

/** Which organisations the actor manages: all of them (admin), her own (access manager), or none. */
export function managedOrganisations(actor: Actor): 'all' | readonly string[] {
  if (actor.kind === 'admin') return 'all';
  return actor.kind === 'professional' && actor.accessManager ? [actor.organisationId] : [];
}
