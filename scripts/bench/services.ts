// Everything the benchmark needs, on loopback: its own database and Redis
// database, the simulator in this process, worker processes and the web app.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(root, "node_modules", "next", "dist", "bin", "next");

export function benchEnv() {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/understudy_bench_test",
    REDIS_URL: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/2",
    DATABASE_POOL_SIZE: "20",
    QUEUE_PREFIX: `bench${randomBytes(3).toString("hex")}`,
    MASTER_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("base64"),
    AUTH_TRUST_HOST: "true",
    ALLOW_PRIVATE_PROVIDER_URLS: "true",
    // The simulated providers are on loopback, which production allows only for a demo.
    DEMO: "true",
    LOG_LEVEL: "warn",
    // The per-key and per-organization limits protect tenants; they are not
    // what this measures. Nor is the fair share: sections 1-4 load one
    // organization, and section 5 sets its organizations' caps itself.
    API_RATE_LIMIT_PER_MINUTE: "1000000",
    ORG_API_RATE_LIMIT_PER_MINUTE: "1000000",
    ORG_MAX_TURNS_IN_FLIGHT: "10000",
    // Section 6 measures the hashing pool under a sign-in flood from one address.
    AUTH_IP_LIMIT_PER_MINUTE: "1000000",
    PASSWORD_HASH_PER_CLIENT: "10000",
    // Two workers on one machine: should a .env turn metrics on, each takes a free port.
    METRICS_PORT: "0",
  } as NodeJS.ProcessEnv;
}

// Always a fresh build: measuring yesterday's code would be worse than useless.
export function buildWebApp(env: NodeJS.ProcessEnv) {
  console.log("Building the web app (next build)…");
  const r = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) throw new Error("next build failed");
}

function waitForOutput(child: ChildProcess, pattern: RegExp, what: string) {
  return new Promise<void>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${what} exited (${code}):\n${out}`)));
  });
}

// BENCH_CPU_PROFILE=<dir>: every service writes a V8 CPU profile there when
// it stops (open the .cpuprofile files in Chrome DevTools), so the
// milliseconds can be ranked before anything is optimised.
const profile = () => (process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(process.env.BENCH_CPU_PROFILE)] : []);

export async function startWorkers(env: NodeJS.ProcessEnv, count: number) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawn(process.execPath, [...profile(), "--import", "tsx", "workers/index.ts"], {
        cwd: root,
        env: { ...env, LOG_LEVEL: "info" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      await waitForOutput(child, /worker ready/, "worker");
      return child;
    }),
  );
}

// Out of the bench process, so the load generator does not slow the baseline.
export async function startSimulatorProcess(env: NodeJS.ProcessEnv, port: number) {
  const child = spawn(process.execPath, [...profile(), "--import", "tsx", "lib/simulator/main.ts"], {
    cwd: root,
    env: { ...env, LOG_LEVEL: "info", SIMULATOR_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await waitForOutput(child, /listening/, "simulator");
  return { child, url: `http://127.0.0.1:${port}` };
}

export async function startWeb(env: NodeJS.ProcessEnv, port: number) {
  const child = spawn(process.execPath, [...profile(), "web/server.mjs"], {
    cwd: root,
    env: { ...env, LOG_LEVEL: "info", PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await waitForOutput(child, /web ready/, "web");
  return child;
}

export function stopAll(children: ChildProcess[]) {
  return Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once("exit", () => resolve());
          c.kill("SIGTERM");
        }),
    ),
  );
}
