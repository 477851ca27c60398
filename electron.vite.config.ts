import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const here = dirname(fileURLToPath(import.meta.url));

// Top-level main/, preload/ and renderer/ (not src/): every entry is named.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(here, 'main/electron-main.ts'),
          // The threads the main process starts, beside it: a real run's workers, and a job's simulations
          // (without them the desktop app could not measure, and simulated on its main thread).
          'runtime-worker': resolve(here, 'main/runtime/worker-entry.ts'),
          'job-worker': resolve(here, 'main/simulation/job-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(here, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(here, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(here, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: resolve(here, 'renderer/index.html') } },
    },
  },
});
