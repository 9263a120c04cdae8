import { TestApiClient } from '../../support/apiClient.ts';
import { startConcerto, type ConcertoProcess, type ConcertoSettings } from '../processes/concertoProcess.ts';
import { issueCollabTokens, signInBenchUser } from './benchSpaces.ts';

/** A running Concerto server with the bench user signed in. */
export interface ConcertoSession {
  server: ConcertoProcess;
  api: TestApiClient;
  /** WebsocketProvider server URL: `ws://127.0.0.1:<port>/collab`. */
  collabUrl: string;
  /** Fresh websocket parameters for one space (`{ token }`: tokens live one minute). */
  params(spaceId: string): Promise<Record<string, string>>;
}

/**
 * Starts the server and signs in; with `bearer` (a session kept in the same data folder across a
 * restart) it reuses it instead, since the login is rate limited.
 */
export async function startSession(settings: ConcertoSettings, bearer?: string): Promise<ConcertoSession> {
  const server = await startConcerto(settings);
  const api = bearer ? new TestApiClient(server.url, { token: bearer }) : await signInBenchUser(server.url);
  return {
    server,
    api,
    collabUrl: `${server.url.replace('http', 'ws')}/collab`,
    params: async (spaceId) => ({ token: (await issueCollabTokens(api, [spaceId]))[0] ?? '' }),
  };
}
