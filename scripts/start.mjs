// `npm start`: install, prepare the database, seed the demo, build, and run
// the web app, a worker and the simulated providers until Ctrl-C.
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { npmStartServices, runServices } from "./lib/services.mjs";
import { ensureInstalled, NEXT_BIN, randomKey, readEnvFile, root, runOrFail, say } from "./lib/steps.mjs";

const ENV_FILE = path.join(root, ".env");

// Secrets are generated once into the git-ignored .env, never committed.
function ensureLocalEnv({ production }) {
  const current = readEnvFile(ENV_FILE);
  const additions = [];
  if (!current.AUTH_SECRET && !process.env.AUTH_SECRET) additions.push(`AUTH_SECRET=${randomKey()}`);
  if (!current.MASTER_KEY && !process.env.MASTER_KEY) {
    additions.push(`MASTER_KEY=${randomKey()}`, "MASTER_KEY_VERSION=1");
    say("Generated a master key for the key vault into .env (keep it: stored API keys cannot be opened without it).");
  }
  if (!production && !current.ALLOW_PRIVATE_PROVIDER_URLS && !process.env.ALLOW_PRIVATE_PROVIDER_URLS) {
    // The demo's providers are the local simulator.
    additions.push("ALLOW_PRIVATE_PROVIDER_URLS=true");
  }
  if (additions.length) appendFileSync(ENV_FILE, `${existsSync(ENV_FILE) ? "\n" : ""}${additions.join("\n")}\n`);
}

function newestMtime(entries) {
  let newest = 0;
  for (const entry of entries) {
    const full = path.join(root, entry);
    if (!existsSync(full)) continue;
    const stat = statSync(full);
    if (!stat.isDirectory()) newest = Math.max(newest, stat.mtimeMs);
    else newest = Math.max(newest, newestMtime(readdirSync(full).map((child) => path.join(entry, child))));
  }
  return newest;
}

function buildIsFresh() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const sources = ["app", "components", "lib", "public", "next.config.ts", "package-lock.json", "instrumentation.ts"];
  return statSync(buildId).mtimeMs > newestMtime(sources.filter((s) => s !== "lib/db/generated"));
}

ensureInstalled();
// Run on one's own machine, `npm start` is the demo: the public demo login and
// providers on the local simulator. Under NODE_ENV=production only DEMO=true
// asks for them (the web and workers refuse private provider URLs otherwise,
// see demoRuleError in lib/env.ts).
const production = (process.env.NODE_ENV ?? readEnvFile(ENV_FILE).NODE_ENV) === "production";
ensureLocalEnv({ production });
// Next's telemetry (sent by `next build`) stays off: the demo reports nothing.
const env = { ...readEnvFile(ENV_FILE), ...process.env, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1" };
if (!production) env.DEMO ??= "true";
const demo = env.DEMO === "true" || env.DEMO === "1";
env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/understudy";
env.REDIS_URL ??= "redis://127.0.0.1:6379";
const port = env.PORT ?? "3000";
env.APP_URL ??= `http://localhost:${port}`;

const { checkPostgres, checkRedis } = await import("./lib/preflight.mjs");
await checkPostgres(env.DATABASE_URL);
await checkRedis(env.REDIS_URL);

runOrFail("node", ["--import", "tsx", "prisma/migrate.ts", "deploy"], { env, label: "Applying migrations" });
if (demo) runOrFail("node", ["--import", "tsx", "prisma/seed.ts"], { env, label: "Seeding the demo organization" });
else say("NODE_ENV=production: the demo login is not seeded (DEMO=true asks for it).");
if (buildIsFresh()) say("The production build is up to date.");
else runOrFail("node", [NEXT_BIN, "build"], { env, label: "Building the web app (next build)" });

const simulatorPort = new URL(env.SIMULATOR_URL ?? "http://127.0.0.1:4010").port || "4010";
const DEMO = JSON.parse(readFileSync(path.join(root, "prisma", "demo.json"), "utf8"));
setTimeout(() => {
  const login = demo ? `\n  Demo login: ${DEMO.email} / ${DEMO.password}` : "";
  console.log(`\n  Understudy is running at http://localhost:${port}${login}\n  Ctrl-C stops everything.\n`);
}, 1500).unref();

// Ctrl-C: the worker lets its turns in flight finish for up to
// WORKER_STOP_TIMEOUT_SECONDS, then exits by itself whatever is down; a
// service still running a little after that is killed, so npm start never
// leaves one behind.
const graceMs = ((Number(env.WORKER_STOP_TIMEOUT_SECONDS) || 30) + 5) * 1000;
process.exit(await runServices(npmStartServices({ env, port, simulatorPort }), { graceMs }));
