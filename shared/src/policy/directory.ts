import type { Actor } from './actor.ts';

/** What the policy needs to know about one directory entry. */
export interface DirectoryEntryScope {
  /** The organisation that maintains it; null for entries the platform admin keeps. */
  organisationId: string | null;
}

/** Actions on the living resource directory. */
export const directoryActions = [
  'directory.read',
  'directory.entry.maintain',
  'directory.entry.suggest',
  'directory.availability.update',
] as const;
/** An action on the directory or one of its entries. */
export type DirectoryAction = (typeof directoryActions)[number];

/**
 * Anyone signed in with an account or as a family member reads the directory and suggests corrections; the admin, or an access manager of the
 * entry's organisation, maintains an entry; availability is updated by professionals, never by a member.
 */
export function canOnDirectory(
  actor: Actor,
  action: DirectoryAction,
  entry: DirectoryEntryScope | null,
): boolean {
  switch (action) {
    case 'directory.read':
    case 'directory.entry.suggest':
      // Named kinds, not "anyone but anonymous": a guest's one-meeting pass never opens the directory.
      return actor.kind === 'professional' || actor.kind === 'admin' || actor.kind === 'familyMember';
    case 'directory.availability.update':
      return actor.kind === 'professional' || actor.kind === 'admin';
    case 'directory.entry.maintain':
      if (actor.kind === 'admin') return true;
      return (
        actor.kind === 'professional' &&
        actor.accessManager &&
        !!entry?.organisationId &&
        entry.organisationId === actor.organisationId
      );
  }
}

/** The organisation new entries belong to: null for the admin's; undefined when the actor may not create any. */
export function directoryMaintainerOrganisation(actor: Actor): string | null | undefined {
  if (actor.kind === 'admin') return null;
  if (actor.kind === 'professional' && actor.accessManager) return actor.organisationId;
  return undefined;
}
