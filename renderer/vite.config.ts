import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from './csp-plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The large libraries get chunks of their own, fetched with the first screen that needs them: the map engine
 * and the charts. The rest of the code follows the tabs, which are loaded on their first visit. React comes
 * first: a group takes in what its modules import, and the charts must not take React (and with it the
 * shell's first load) into their chunk.
 */
const LIBRARY_CHUNKS = [
  {
    name: 'react',
    test: /[\\/]node_modules[\\/](react|react-dom|scheduler|use-sync-external-store)[\\/]/,
    priority: 2,
  },
  { name: 'maplibre', test: /[\\/]node_modules[\\/]maplibre-gl[\\/]/, priority: 1 },
  { name: 'charts', test: /[\\/]node_modules[\\/](recharts|victory-vendor|d3-[\w-]+)[\\/]/ },
];

export default defineConfig({
  root,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    // MapLibre is published as one prebuilt 1.07 MB module that no bundler can split; every other chunk stays
    // under 1 MB (tests/tooling/renderer-chunks.test.ts), and a new chunk past that limit still warns.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      output: { codeSplitting: { groups: LIBRARY_CHUNKS } },
    },
  },
});
