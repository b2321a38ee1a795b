import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { precompressPlugin } from './web/build/precompress-plugin.ts';
import { pwaPlugin } from './web/build/pwa-plugin.ts';

const rootDir = fileURLToPath(new URL('.', import.meta.url));

// One config for the PWA build (web/ → web/dist, served by `npm start`) and for
// vitest's projects: server (node), web (happy-dom + fake-indexeddb), e2e (real Chromium).
export default defineConfig({
  root: 'web',
  publicDir: 'public',
  // Preact's automatic JSX runtime (tsconfig says the same for tsc).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // web/dist/.vite/manifest.json: bench:web reads which chunks load first and which are the scanner's.
    manifest: true,
    // The zxing .wasm is big; it is fetched only by the scan screen.
    chunkSizeWarningLimit: 1200,
  },
  plugins: [pwaPlugin(), precompressPlugin()],
  server: { proxy: { '/api': 'http://localhost:8787', '/S': 'http://localhost:8787', '/s': 'http://localhost:8787' } },
  test: {
    projects: [
      {
        root: rootDir,
        test: {
          name: 'server',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        root: rootDir,
        oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
        test: {
          name: 'web',
          include: ['tests/web/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['tests/web/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        root: rootDir,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // One browser at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
