import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The built app (dist/) is served by the Seedbed server, which falls back to index.html for
// client routes; the API is same-origin under /api, so the dev server proxies it.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
