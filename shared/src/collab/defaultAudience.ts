import type { SpaceAudience, SpaceKind } from './spaces.ts';

/** The default audience of each kind of space created with a family file. */
export function defaultAudience(kind: SpaceKind): SpaceAudience {
  const base = { professionalIds: [], teamAccess: 'write' as const, professionalAccess: [], members: [] };
  return { ...base, team: kind === 'health' ? 'roleA' : 'allTeam' };
}
