// The client's `zod`: vite.config.ts points every `import { z } from 'zod'` here. zod probes `new Function`
// once to speed up parsing; our CSP forbids eval, so it is told not to try before any schema is used.
// `z` is this module's own binding, so any page that keeps a schema also runs this `config` call, and a
// page that keeps none (login, invitation, plan) downloads no zod. `config` is called by its own name: the
// build treats calls on `z.` as pure and would drop `z.config(…)`.
import { config, z as zod } from 'zod/v4';

config({ jitless: true });

/** zod, configured for our Content Security Policy. */
export const z = zod;

export type * from 'zod/v4';
