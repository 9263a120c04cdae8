import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import vueI18n from '@intlify/unplugin-vue-i18n/vite';
import { precompress } from './build/precompress.ts';

const fromHere = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const zodWithoutEval = fromHere('./src/utils/zodWithoutEval.ts');

/**
 * Tells the bundler that the client's `zod` module matters only when a schema from it is used: a page whose
 * shared modules keep no schema (the plan, the invitation) then does not download zod at all.
 */
const zodOnlyWhenUsed: Plugin = {
  name: 'concerto-zod-only-when-used',
  load: (id) => (id === zodWithoutEval ? { code: readFileSync(id, 'utf8'), moduleSideEffects: false } : null),
};

// In development (`npm run dev`), Vite serves the client and forwards API and realtime traffic to the server.
export default defineConfig({
  plugins: [
    vue(),
    // Messages are compiled at build time, so the browser gets vue-i18n's runtime without its compiler.
    vueI18n({
      include: [fromHere('./src/i18n/**/{fr,nl,en,ar,tr}.json')],
      runtimeOnly: true,
      compositionOnly: true,
      fullInstall: true,
      strictMessage: true,
      escapeHtml: false,
    }),
    zodOnlyWhenUsed,
    precompress(),
  ],
  resolve: {
    // Every `zod` import of the client (the shared schemas' too) goes through a module that turns off zod's
    // `new Function` probe, which our CSP forbids, before any schema parses.
    alias: [{ find: /^zod$/, replacement: zodWithoutEval }],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
      '/collab': { target: 'http://localhost:3000', ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Schemas the shared package defines at the top of its modules are dropped from pages that never use
    // them (zod's builders have no side effects), so the plan page downloads no validation code.
    rolldownOptions: { treeshake: { manualPureFunctions: ['z'] } },
  },
});
