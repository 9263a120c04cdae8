import type { SpaceAudience, SpaceView } from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';

/** The spaces of a family the signed-in user may open, with their access. */
export function fetchSpaces(familyId: string): Promise<SpaceView[]> {
  return apiRequest<SpaceView[]>(`/families/${familyId}/spaces`);
}

/** Creates a space for a precise audience. */
export function createSpace(familyId: string, title: string, audience: SpaceAudience): Promise<SpaceView> {
  return apiRequest<SpaceView>(`/families/${familyId}/spaces`, {
    method: 'POST',
    body: JSON.stringify({ title, audience }),
  });
}

/** Changes a space's audience as the user saw it (`version`); takes effect at once for everyone connected. */
export function updateSpaceAudience(
  familyId: string,
  spaceId: string,
  audience: SpaceAudience,
  version: number,
): Promise<SpaceView> {
  return sendJson<SpaceView>('PATCH', `/families/${familyId}/spaces/${spaceId}`, { audience }, version);
}

/** A one-minute token to open a space's websocket, with the access it grants. */
export function fetchCollabToken(
  spaceId: string,
): Promise<{ token: string; access: 'read' | 'contribute' | 'write' }> {
  return apiRequest(`/collab/tokens`, { method: 'POST', body: JSON.stringify({ spaceId }) });
}
