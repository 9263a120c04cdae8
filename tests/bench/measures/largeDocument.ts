import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { epochNow, pause } from '../workload/clock.ts';
import { openProvider, whenSynced } from '../workload/providerConnection.ts';
import { Typist, randomBetween, someWords } from '../workload/typist.ts';

/** The document built for the cold-load measure. */
export interface LargeDocument {
  stateBytes: number;
  updateBytes: number;
  edits: number;
  textLength: number;
}

interface Author {
  doc: Y.Doc;
  provider: WebsocketProvider;
  typist: Typist;
}

function sameState(authors: readonly Author[]): boolean {
  const vectors = authors.map((author) => Buffer.from(Y.encodeStateVector(author.doc)).toString('base64'));
  return vectors.every((vector) => vector === vectors[0]);
}

/**
 * Writes a document of about `targetBytes` through the real server: three authors type phrases in
 * bursts of 30 edits, 120 ms apart, so the server stores it as many records (and compacts them).
 */
export async function buildLargeDocument(
  serverUrl: string,
  spaceId: string,
  params: Record<string, string>,
  targetBytes: number,
): Promise<LargeDocument> {
  const authors: Author[] = Array.from({ length: 3 }, () => {
    const doc = new Y.Doc();
    return {
      doc,
      provider: openProvider(serverUrl, spaceId, doc, params),
      typist: new Typist(doc.getText('body')),
    };
  });
  let updateBytes = 0;
  let edits = 0;
  for (const author of authors) {
    author.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== author.provider) updateBytes += update.byteLength;
    });
  }
  try {
    const synced = await Promise.all(authors.map((author) => whenSynced(author.provider, 10_000)));
    if (!synced.every(Boolean)) throw new Error('The authors of the large document could not connect');
    const first = authors[0]!;
    for (
      let burst = 0;
      burst < 500 && Y.encodeStateAsUpdate(first.doc).byteLength < targetBytes;
      burst += 1
    ) {
      for (let edit = 0; edit < 30; edit += 1) {
        const author = authors[edit % authors.length]!;
        author.doc.transact(() => author.typist.type(someWords(randomBetween(4, 9))));
        edits += 1;
      }
      await pause(120);
    }
    const deadline = epochNow() + 10_000;
    while (!sameState(authors) && epochNow() < deadline) await pause(50);
    if (!sameState(authors)) throw new Error('The authors of the large document did not converge');
    return {
      stateBytes: Y.encodeStateAsUpdate(first.doc).byteLength,
      updateBytes,
      edits,
      textLength: first.doc.getText('body').length,
    };
  } finally {
    for (const author of authors) {
      author.provider.destroy();
      author.doc.destroy();
    }
  }
}
