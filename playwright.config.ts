import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './test/helpers/chromium';

const CI = Boolean(process.env.CI);

export default defineConfig({
  // Builds out/ when missing or stale, so `npm test` works on a fresh clone and after edits.
  globalSetup: './test/helpers/ensure-build.ts',
  outputDir: 'test-results',
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // Two cores: each worker drives a browser and a host process.
  workers: 2,
  fullyParallel: true,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'test/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
      },
    },
    {
      // Drives the real Electron app; its specs skip themselves when no Electron binary is present.
      name: 'electron',
      testDir: 'test/e2e-electron',
    },
  ],
});
