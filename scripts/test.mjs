// `npm test`: the whole suite — typecheck, lint, format, unit, integration, end to end —
// against a test database and Redis database of its own.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

import { ensureInstalled, fail, NEXT_BIN, randomKey, root, run, say } from "./lib/steps.mjs";

ensureInstalled();
const { checkPostgres, checkRedis, assertLocalDatabase } = await import("./lib/preflight.mjs");

const env = {
  ...process.env,
  NODE_ENV: "test",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/understudy_test",
  REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/1",
  MASTER_KEY: randomKey(),
  MASTER_KEY_VERSION: "1",
  MASTER_KEY_PREVIOUS: "",
  AUTH_SECRET: randomKey(),
  AUTH_TRUST_HOST: "true",
  ALLOW_PRIVATE_PROVIDER_URLS: "true",
  // The e2e web server runs with NODE_ENV=production and tests against the simulator.
  DEMO: "true",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  TEST_RESULTS_DIR: path.join(root, "test-results"),
};

assertLocalDatabase(env.DATABASE_URL);
await checkPostgres(env.DATABASE_URL);
await checkRedis(env.REDIS_URL);
rmSync(env.TEST_RESULTS_DIR, { recursive: true, force: true });

const steps = [
  ["Preparing the test database", "node", ["--import", "tsx", "scripts/prepare-test-db.ts"]],
  ["Typecheck (tsc)", "npx", ["tsc", "--noEmit", "-p", "."]],
  ["Lint (eslint)", "npx", ["eslint", "--max-warnings", "0", "."]],
  ["Format (prettier --check)", "npx", ["prettier", "--check", "."]],
  ["Unit tests", "npx", ["vitest", "run", "--project", "unit", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/unit.json"]],
  [
    "Integration tests",
    "npx",
    ["vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/integration.json"],
  ],
  ["Production build (next build)", "node", [NEXT_BIN, "build"], { NODE_ENV: "production" }],
  ["End-to-end tests (Playwright, Chromium)", "npx", ["playwright", "test"]],
];

const started = Date.now();
for (const [label, command, args, extra] of steps) {
  if (!run(command, args, { env: { ...env, ...extra }, label })) {
    summary();
    fail(`npm test failed at: ${label}`);
  }
}
summary();
say(`All checks passed in ${Math.round((Date.now() - started) / 1000)} s.`);

// One closing line over every runner, in the plain "N passed, N failed" form.
function summary() {
  let passed = 0;
  let failed = 0;
  for (const name of ["unit", "integration"]) {
    const file = path.join(env.TEST_RESULTS_DIR, `${name}.json`);
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  const e2e = path.join(env.TEST_RESULTS_DIR, "e2e.json");
  if (existsSync(e2e)) {
    const stats = JSON.parse(readFileSync(e2e, "utf8")).stats;
    passed += stats.expected;
    failed += stats.unexpected + stats.flaky;
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
}
