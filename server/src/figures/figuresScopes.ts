import mongoose from 'mongoose';
import {
  bassins,
  can,
  figuresCandidatesOf,
  userIdOf,
  type Actor,
  type Bassin,
  type FiguresQuery,
  type FiguresScope,
  type FiguresScopeView,
} from '@concerto/shared';
import { notFound } from '../http/errors.ts';
import { OrganisationModel } from '../models/organisation.ts';
import { UserModel } from '../models/user.ts';
import type { Stage } from './figurePipelines.ts';

const { ObjectId } = mongoose.Types;

async function organisationIdsOf(bassin: Bassin): Promise<string[]> {
  const organisations = await OrganisationModel.find({ bassin }, { _id: 1 }).lean();
  return organisations.map((organisation) => String(organisation._id));
}

/** The scope as the policy reads it (a bassin lists its organisations, so the policy stays pure). */
async function policyScopeOf(actor: Actor, view: FiguresScopeView): Promise<FiguresScope> {
  switch (view.kind) {
    case 'caseLoad':
      return { kind: 'caseLoad', professionalId: userIdOf(actor) ?? '' };
    case 'organisation':
      return { kind: 'organisation', organisationId: view.organisationId };
    case 'bassin':
      return { kind: 'bassin', bassin: view.bassin, organisationIds: await organisationIdsOf(view.bassin) };
  }
}

async function mayRead(actor: Actor, view: FiguresScopeView): Promise<FiguresScope | null> {
  const scope = await policyScopeOf(actor, view);
  return can(actor, 'figures.read', { kind: 'figures', scope }) ? scope : null;
}

/** The scopes worth offering: a professional's case-load, organisation and bassin; every one to the admin. */
async function candidateScopes(actor: Actor): Promise<FiguresScopeView[]> {
  const candidates = figuresCandidatesOf(actor);
  if (candidates.organisations !== 'all' && candidates.organisations.length === 0) return [];
  const filter =
    candidates.organisations === 'all'
      ? {}
      : { _id: mongoose.trusted({ $in: candidates.organisations.map((id) => new ObjectId(id)) }) };
  const organisations = await OrganisationModel.find(filter, { name: 1, bassin: 1 }).sort({ name: 1 }).lean();
  const inUse = new Set(organisations.map((organisation) => organisation.bassin).filter(Boolean));
  return [
    ...(candidates.caseLoad ? [{ kind: 'caseLoad' as const }] : []),
    ...organisations.map((organisation) => ({
      kind: 'organisation' as const,
      organisationId: String(organisation._id),
      name: organisation.name,
    })),
    ...bassins.filter((bassin) => inUse.has(bassin)).map((bassin) => ({ kind: 'bassin' as const, bassin })),
  ];
}

/** The scopes of figures the caller may read, in the order the page offers them. */
export async function readableScopes(actor: Actor): Promise<FiguresScopeView[]> {
  const candidates = await candidateScopes(actor);
  const allowed = await Promise.all(candidates.map((view) => mayRead(actor, view)));
  return candidates.filter((_, index) => allowed[index]);
}

async function viewOf(actor: Actor, query: FiguresQuery): Promise<FiguresScopeView> {
  if (!query.scope) {
    const [first] = await readableScopes(actor);
    if (!first) throw notFound('figures');
    return first;
  }
  if (query.scope === 'caseLoad') return { kind: 'caseLoad' };
  if (query.scope === 'bassin') return { kind: 'bassin', bassin: query.bassin! };
  const organisation = await OrganisationModel.findById(query.organisationId, { name: 1 }).lean();
  if (!organisation) throw notFound('figures');
  return { kind: 'organisation', organisationId: String(organisation._id), name: organisation.name };
}

/**
 * The scope asked for (by default the caller's first) and the `$match` on families that selects it: the
 * families on whose care team one of its professionals is now. A scope the caller may not read is 404.
 */
export async function resolveScope(
  actor: Actor,
  query: FiguresQuery,
): Promise<{ view: FiguresScopeView; familyMatch: Stage }> {
  const view = await viewOf(actor, query);
  const scope = await mayRead(actor, view);
  if (!scope) throw notFound('figures');
  const professionalIds =
    scope.kind === 'caseLoad'
      ? [new ObjectId(scope.professionalId)]
      : (
          await UserModel.find(
            {
              organisationId: mongoose.trusted({
                $in: (scope.kind === 'organisation' ? [scope.organisationId] : scope.organisationIds).map(
                  (id) => new ObjectId(id),
                ),
              }),
            },
            { _id: 1 },
          ).lean()
        ).map((account) => account._id);
  return {
    view,
    familyMatch: { team: { $elemMatch: { professionalId: { $in: professionalIds }, endedAt: null } } },
  };
}
