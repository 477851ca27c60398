import { defineConfig } from '@playwright/test';

const port = Number(process.env.INTERLEAVE_E2E_PORT ?? 5311);

// Debian's Chromium, never a downloaded browser. The flags keep it off the
// network, which this machine does not have.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1360, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `node bin/interleave.cjs serve --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // Real runs calibrate this machine on first use: into the test's own folder, not the user's.
    env: { INTERLEAVE_CONFIG_DIR: 'test-results/interleave-config' },
  },
});
