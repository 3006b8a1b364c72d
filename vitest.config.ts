import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

import { testSettings } from "./tests/fixtures/test-env";

const root = fileURLToPath(new URL(".", import.meta.url));

// `npm test` sets these; the fallbacks let `npm run test:integration` run alone.
// Every other setting takes its default, whatever a local .env says.
// The key is set here, not only for the tests, so the global setup (same
// process) writes the key check for the very key the tests and workers use.
process.env.MASTER_KEY ??= randomBytes(32).toString("base64");
const integrationEnv = testSettings({
  NODE_ENV: "test",
  DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/understudy_test",
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379/1",
  MASTER_KEY_VERSION: process.env.MASTER_KEY_VERSION ?? "1",
  ALLOW_PRIVATE_PROVIDER_URLS: "true",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  // The alert scan reads every organization's events from one cursor: test
  // files' workers run none, so the alert tests' own scan sees what it needs.
  ALERT_SCAN_INTERVAL_MS: "0",
});

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          env: integrationEnv,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
