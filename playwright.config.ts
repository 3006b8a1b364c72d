import path from "node:path";

import { defineConfig, devices } from "@playwright/test";

import { testSettings } from "./tests/fixtures/test-env";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 4110);
const resultsDir = path.resolve(process.env.TEST_RESULTS_DIR ?? "test-results");
// Every line the app logs during the run; a test reads it to prove no key leaks.
export const WEB_LOG = path.join(resultsDir, "web.log");
export const WORKER_LOG = path.join(resultsDir, "worker.log");
process.env.E2E_SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;
process.env.E2E_WEB_LOG = WEB_LOG;
process.env.E2E_WORKER_LOG = WORKER_LOG;
// Every setting the servers read, whatever a local .env says. The web server
// checks sessions against their user row every second, so the revocation
// tests (sessions.spec.ts) wait seconds, not a minute.
const settings = testSettings({ SESSION_CHECK_SECONDS: "1", APP_URL: `http://127.0.0.1:${PORT}` });

// Debian's Chromium: Playwright's own browser download cannot reach us here.
const chromium = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: path.join(resultsDir, "e2e-artifacts"),
  reporter: [["list"], ["json", { outputFile: path.join(resultsDir, "e2e.json") }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromium,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: chromium } }],
  webServer: [
    {
      command: `mkdir -p "${resultsDir}" && node --import tsx workers/index.ts 2>&1 | tee "${WORKER_LOG}"`,
      wait: { stdout: /worker ready/ },
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...settings, SERVICE_NAME: "worker", LOG_LEVEL: "info" },
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node --import tsx lib/simulator/main.ts`,
      url: `http://127.0.0.1:${SIMULATOR_PORT}/_stats`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { ...settings, SIMULATOR_PORT: String(SIMULATOR_PORT) },
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `mkdir -p "${resultsDir}" && exec node web/server.mjs > "${WEB_LOG}" 2>&1`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      // Every test signs in from 127.0.0.1: one client address for the whole suite.
      env: { ...settings, NODE_ENV: "production", PORT: String(PORT), HOST: "127.0.0.1", AUTH_IP_LIMIT_PER_MINUTE: "100000" },
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
