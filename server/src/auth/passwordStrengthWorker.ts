// Entry of the worker thread that estimates password strength (started by passwordStrengthThread.ts).
// It runs zxcvbn and its dictionaries in its own heap and event loop: importing them allocates ~35 MB of
// small strings and every check takes tens of milliseconds, neither of which the server's thread should pay.
// Node loads this file with its own type stripping (no tsx in a worker), so: erasable syntax only, and
// it imports npm packages only (a relative import would need a `.ts` extension Node can resolve alone).
import { parentPort } from 'node:worker_threads';
import zxcvbnCore from '@zxcvbn-ts/core';
import languageCommon from '@zxcvbn-ts/language-common';
import languageEnglish from '@zxcvbn-ts/language-en';
import languageFrench from '@zxcvbn-ts/language-fr';
import languageDutch from '@zxcvbn-ts/language-nl-be';

/** A check asked by the server's thread; `id` pairs it with its answer. */
export interface StrengthRequest {
  id: number;
  password: string;
  personal: string[];
}

/** The zxcvbn score (0-4) of the password of request `id`. */
export interface StrengthAnswer {
  id: number;
  score: number;
}

const estimator = new zxcvbnCore.ZxcvbnFactory({
  graphs: languageCommon.adjacencyGraphs,
  dictionary: {
    ...languageCommon.dictionary,
    ...languageFrench.dictionary,
    ...languageDutch.dictionary,
    ...languageEnglish.dictionary,
  },
});

parentPort?.on('message', (request: StrengthRequest) => {
  const { score } = estimator.check(request.password, request.personal);
  parentPort?.postMessage({ id: request.id, score } satisfies StrengthAnswer);
});
