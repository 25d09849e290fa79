import { defineConfig, devices } from '@playwright/test';

/** The fixture site is built by `npm run build:fixture` (or by the first test run) and served read-only. */
/** Ports can be moved (E2E_PORT) when another run holds the defaults. */
const PORT = Number(process.env.E2E_PORT ?? 4400);
/** The injection corpus (issue 8) is its own site, built and served with its _headers by scripts/serve-injection.ts. */
const INJECTION_PORT = PORT + 1;

/** The test tool cannot download its own browser here: use Debian's Chromium, quiet on a closed network. */
const debianChromium = {
  executablePath: '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: 'injection.spec.ts',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: debianChromium,
      },
    },
    {
      name: 'injection',
      testMatch: 'injection.spec.ts',
      use: {
        ...devices['Desktop Chrome'],
        baseURL: `http://127.0.0.1:${INJECTION_PORT}`,
        launchOptions: debianChromium,
      },
    },
  ],
  webServer: [
    {
      command: `node scripts/serve-fixture.ts ${PORT}`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 300_000,
    },
    {
      command: `node scripts/serve-injection.ts ${INJECTION_PORT}`,
      url: `http://127.0.0.1:${INJECTION_PORT}/`,
      reuseExistingServer: false,
      timeout: 300_000,
    },
  ],
});
