import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// In development (`npm run dev`), Vite serves the client and forwards API and realtime traffic to the server.
export default defineConfig({
  plugins: [vue()],
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
      '/collab': { target: 'http://localhost:3000', ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
