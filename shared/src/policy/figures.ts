import type { Bassin } from '../domain/directory.ts';
import type { Actor } from './actor.ts';

/** Reading the network figures: anonymous counts, small ones hidden, never a family's data. */
export const figuresActions = ['figures.read'] as const;
/** An action on network figures. */
export type FiguresAction = (typeof figuresActions)[number];

/** Which families a set of figures counts, as the policy reads it. */
export type FiguresScope =
  /** The families on whose care team this professional is now. */
  | { kind: 'caseLoad'; professionalId: string }
  /** The families on whose care team a professional of this organisation is now. */
  | { kind: 'organisation'; organisationId: string }
  /** The families followed by the organisations of this bassin (listed, so the policy stays pure). */
  | { kind: 'bassin'; bassin: Bassin; organisationIds: readonly string[] };

/**
 * A professional reads the figures of her own case-load and of the bassin her organisation works in
 * (the bassin's Rencontres périnatalité steer with them); an organisation's figures are for its access
 * managers; the platform admin, who steers the network, reads every organisation's and bassin's but
 * has no case-load. Family members read none.
 */
export function canOnFigures(actor: Actor, action: FiguresAction, scope: FiguresScope): boolean {
  if (action !== 'figures.read') return false;
  switch (scope.kind) {
    case 'caseLoad':
      return actor.kind === 'professional' && actor.userId === scope.professionalId;
    case 'organisation':
      return (
        actor.kind === 'admin' ||
        (actor.kind === 'professional' &&
          actor.accessManager &&
          actor.organisationId === scope.organisationId)
      );
    case 'bassin':
      return (
        actor.kind === 'admin' ||
        (actor.kind === 'professional' && scope.organisationIds.includes(actor.organisationId))
      );
  }
}

/**
 * Where to look for scopes worth offering the actor (each is still checked with `can()`): her own
 * case-load, and the organisations — with their bassins — she belongs to, or all of them for the admin.
 */
export function figuresCandidatesOf(actor: Actor): {
  caseLoad: boolean;
  organisations: 'all' | readonly string[];
} {
  if (actor.kind === 'admin') return { caseLoad: false, organisations: 'all' };
  if (actor.kind === 'professional') return { caseLoad: true, organisations: [actor.organisationId] };
  return { caseLoad: false, organisations: [] };
}
