import { signIn, type TestApiClient } from '../../support/apiClient.ts';
import { mapLimited } from '../workload/limited.ts';

/** The demo professional the bench acts as (a member of the demo families' care teams). */
const benchUser = { email: 'sophie.lambert@concerto.demo', password: 'concerto-demo' };

const ok = (status: number) => status >= 200 && status < 300;

/** Signs in once (the login is rate limited) and returns the client carrying the bearer token. */
export function signInBenchUser(baseUrl: string): Promise<TestApiClient> {
  return signIn(baseUrl, benchUser.email, benchUser.password);
}

/** Creates `count` custom spaces (one Yjs document each) spread over the user's families. */
export async function createSpaces(api: TestApiClient, count: number): Promise<string[]> {
  const families = await api.get('/families');
  const familyIds = (families.body as { id: string }[]).map((family) => family.id);
  if (families.status !== 200 || familyIds.length === 0) {
    throw new Error(`The bench user sees no family (${families.status}); is CONCERTO_DEMO_DATA=true?`);
  }
  const indexes = Array.from({ length: count }, (_value, index) => index);
  return mapLimited(indexes, 4, async (index) => {
    const familyId = familyIds[index % familyIds.length];
    const body = { title: `Bench ${index + 1}`, audience: { team: 'allTeam' } };
    const response = await api.post(`/families/${familyId}/spaces`, body);
    if (!ok(response.status)) {
      throw new Error(`Creating a space failed: ${response.status} ${response.text}`);
    }
    return (response.body as { id: string }).id;
  });
}

/** A one-minute collaboration token for each space (`POST /api/collab/tokens`), in the spaces' order. */
export function issueCollabTokens(api: TestApiClient, spaceIds: readonly string[]): Promise<string[]> {
  return mapLimited(spaceIds, 8, async (spaceId) => {
    const response = await api.post('/collab/tokens', { spaceId });
    if (!ok(response.status)) throw new Error(`No collaboration token: ${response.status} ${response.text}`);
    return (response.body as { token: string }).token;
  });
}
