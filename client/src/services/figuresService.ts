import type { FiguresScopeView, FiguresView, Organisation } from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';

/** The scope and period of figures asked for (empty dates: the last twelve months). */
export interface FiguresRequest {
  scope: FiguresScopeView;
  from?: string | undefined;
  to?: string | undefined;
}

/** The scopes of figures I may read: my case-load, my organisation (its managers), my bassin. */
export function fetchFiguresScopes(): Promise<FiguresScopeView[]> {
  return apiRequest<FiguresScopeView[]>('/figures/scopes');
}

/** The anonymous figures of one scope and period; hidden counts arrive as null. */
export function fetchFigures(request: FiguresRequest): Promise<FiguresView> {
  const query = new URLSearchParams({ scope: request.scope.kind });
  if (request.scope.kind === 'organisation') query.set('organisationId', request.scope.organisationId);
  if (request.scope.kind === 'bassin') query.set('bassin', request.scope.bassin);
  if (request.from) query.set('from', request.from);
  if (request.to) query.set('to', request.to);
  return apiRequest<FiguresView>(`/figures?${query.toString()}`);
}

/** Sets the bassin an organisation works in (its access managers, the admin); with `version`, 409 if changed since. */
export function setOrganisationBassin(
  organisationId: string,
  bassin: string | null,
  version?: number,
): Promise<Organisation> {
  return sendJson<Organisation>(
    'PUT',
    `/organisations/${encodeURIComponent(organisationId)}/bassin`,
    { bassin },
    version,
  );
}
