import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Seedbed's own TypeScript (the web app and the workspace packages it imports) declares no side
 * effects at module level: a module none of whose exports is used may be left out of a chunk. The
 * modules' `index.ts` files re-export components and API hooks that other modules use; without
 * this, importing a module's manifest for the router would pull every re-exported file, and
 * through them `@seedbed/contract`'s TypeBox schemas, into the first load. Stylesheets keep their
 * side effects (they are imported for them).
 */
const OWN_SOURCE = /[\\/](apps[\\/]web[\\/]src|packages[\\/][^\\/]+[\\/]src)[\\/].*\.tsx?$/;

/**
 * Long-lived chunks for the libraries every page uses, so that a deploy that changes only the
 * app's code keeps them in the browser's cache (hashed names, cached for a year by the server).
 * Everything else, the heavy libraries of single pages (ECharts, Tiptap, FullCalendar, the query
 * builder) above all, stays with the lazily loaded route that imports it.
 */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/.test(id)) return 'vendor-react';
  if (/[\\/]node_modules[\\/]@tanstack[\\/]/.test(id)) return 'vendor-query';
  return undefined;
}

// The built app (dist/) is served by the Seedbed server, which falls back to index.html for
// client routes; the API is same-origin under /api, so the dev server proxies it.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: which chunks the entry imports statically (the first-load budget
    // test in e2e/ reads it).
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      treeshake: {
        moduleSideEffects: (id: string, external: boolean) => external || !OWN_SOURCE.test(id),
      },
      output: {
        manualChunks: vendorChunk,
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
