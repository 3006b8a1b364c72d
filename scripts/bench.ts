// `npm run bench`: measures the whole turn path on loopback and prints tables.
// Not a test: it asserts nothing and its figures go in the closing note.
import { adminQuery, applyMigrations, pgFields } from "../prisma/engine";
import { fmt, percentile, runClients, table } from "./bench/load";
import { benchEnv, buildWebApp, startSimulatorProcess, startWeb, startWorkers, stopAll } from "./bench/services";

const env = benchEnv();
Object.assign(process.env, env);
const WEB_PORT = 3200;
const APP = `http://127.0.0.1:${WEB_PORT}`;

async function resetDatabase() {
  const fields = pgFields(env.DATABASE_URL!);
  await adminQuery(fields, `DROP DATABASE IF EXISTS "${fields.database}" WITH (FORCE)`);
  await adminQuery(fields, `CREATE DATABASE "${fields.database}"`);
  await applyMigrations(env.DATABASE_URL!);
}

// Imported after the environment is set: these modules read it on load.
const { agentWithKey } = await import("./bench/agents");
const { streamingSection } = await import("./bench/streaming");
const { fairShareSection } = await import("./bench/fair-share");
const { signInFloodSection } = await import("./bench/sign-in-flood");
const { db } = await import("../lib/db/client");
type TAgentHandle = Awaited<ReturnType<typeof agentWithKey>>;

// BENCH_SECTIONS=4 (or 1,3 ...) runs only the sections listed.
const sections = process.env.BENCH_SECTIONS?.split(",").map((s) => s.trim());
const wanted = (n: number) => !sections || sections.includes(String(n));

async function viaApi(agent: TAgentHandle, text: string) {
  const res = await fetch(`${APP}/api/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${agent.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: agent.slug, messages: [{ role: "user", content: text }] }),
  });
  await res.arrayBuffer();
  return res.status === 200;
}

async function direct(simulatorUrl: string, text: string) {
  const res = await fetch(`${simulatorUrl}/openai/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer sim-ok~direct", "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: text }], stream: true }),
  });
  await res.arrayBuffer();
  return res.status === 200;
}

async function overhead(simulatorUrl: string, agent: TAgentHandle) {
  const rows = [];
  for (const clients of [1, 32]) {
    const total = clients === 1 ? 200 : 1600;
    await runClients({ clients, total: 50, call: () => viaApi(agent, "warm up") });
    const base = await runClients({ clients, total, call: () => direct(simulatorUrl, "hello") });
    const path = await runClients({ clients, total, call: () => viaApi(agent, "hello") });
    const p = (s: typeof base, q: number) =>
      percentile(
        s.samples.map((x) => x.ms),
        q,
      );
    rows.push({
      clients,
      "direct p50": fmt(p(base, 50)),
      "direct p99": fmt(p(base, 99)),
      "path p50": fmt(p(path, 50)),
      "path p99": fmt(p(path, 99)),
      "overhead p50": fmt(p(path, 50) - p(base, 50)),
      "overhead p99": fmt(p(path, 99) - p(base, 99)),
      errors: path.samples.filter((s) => !s.ok).length,
    });
  }
  return rows;
}

// Turn latency minus the answering backup's own latency: what a failure costs.
async function recovery(simulatorUrl: string) {
  const cases: Array<[string, string, number]> = [
    ["immediate 429", "sim-429", 30],
    ["connection reset", "sim-reset", 30],
    ["2 s timeout", "sim-timeout", 2],
    ["circuit open (skipped)", "sim-503", 30],
  ];
  const rows = [];
  for (const [name, key, timeout] of cases) {
    const agent = await agentWithKey({ simulatorUrl, primaryKey: key, timeoutSeconds: timeout });
    if (name.startsWith("circuit")) for (let i = 0; i < 3; i += 1) await viaApi(agent, "open the circuit");
    const n = name.includes("timeout") ? 5 : 40;
    const before = new Date();
    await runClients({ clients: 1, total: n, call: () => viaApi(agent, "recover") });
    const turns = await db.turn.findMany({ where: { agentId: agent.agentId, createdAt: { gte: before } }, include: { attempts: true } });
    const extra = turns.map((t) => (t.latencyMs ?? 0) - (t.attempts.find((a) => a.outcome === "ok")?.latencyMs ?? 0));
    const failed = turns.map((t) => t.attempts.filter((a) => a.outcome !== "ok").reduce((s, a) => s + a.latencyMs, 0));
    const beyond = turns.map((t, i) => extra[i]! - failed[i]!);
    rows.push({
      case: name,
      turns: turns.length,
      "lost p50": fmt(percentile(extra, 50)),
      "failed attempt p50": fmt(percentile(failed, 50)),
      "beyond failed attempt p50": fmt(percentile(beyond, 50)),
      "beyond p99": fmt(percentile(beyond, 99)),
    });
  }
  return rows;
}

async function sustained(simulatorUrl: string) {
  const agent = await agentWithKey({ simulatorUrl, primaryKey: "sim-flaky-30" });
  const before = new Date();
  const run = await runClients({ clients: 64, durationMs: 20_000, call: (i) => viaApi(agent, `question ${i}`) });
  const answered = run.samples.filter((s) => s.ok).length;
  const turns = await db.turn.findMany({ where: { agentId: agent.agentId, createdAt: { gte: before } }, select: { id: true, state: true, failedOver: true } });
  const perTurn = await db.message.groupBy({ by: ["turnId"], where: { turnId: { in: turns.map((t) => t.id) }, role: "assistant" }, _count: { _all: true } });
  const duplicated = perTurn.filter((g) => g._count._all > 1).length;
  const persistedAnswers = turns.filter((t) => t.state === "answered").length;
  return [
    {
      requests: run.samples.length,
      "turns/s": (answered / (run.elapsedMs / 1000)).toFixed(1),
      answered,
      failed: run.samples.length - answered,
      lost: Math.max(0, answered - persistedAnswers),
      duplicated,
      "failed over": turns.filter((t) => t.failedOver).length,
      p50: fmt(
        percentile(
          run.samples.map((s) => s.ms),
          50,
        ),
      ),
      p99: fmt(
        percentile(
          run.samples.map((s) => s.ms),
          99,
        ),
      ),
    },
  ];
}

const children = [];
const simulator = await startSimulatorProcess(env, 4210);
children.push(simulator.child);
try {
  buildWebApp(env);
  await resetDatabase();
  const workers = await startWorkers(env, 2);
  const web = await startWeb(env, WEB_PORT);
  children.push(...workers, web);
  if (wanted(1)) {
    const healthy = await agentWithKey({ simulatorUrl: simulator.url, primaryKey: "sim-ok" });
    console.log("\n1. Path overhead (API → queue → worker → simulator → API) over calling the simulator directly");
    console.log(table(await overhead(simulator.url, healthy)));
  }
  if (wanted(2)) {
    console.log("\n2. Time to recover (turn latency minus the backup's own latency)");
    console.log(table(await recovery(simulator.url)));
  }
  if (wanted(3)) {
    console.log("\n3. Sustained load: 2 workers, 64 clients, 20 s, primary failing 30% of calls (every answer stored once: lost and duplicated stay 0)");
    console.log(table(await sustained(simulator.url)));
  }
  const pids = { web: web.pid ?? 0, ...Object.fromEntries(workers.map((w, i) => [`worker ${i + 1}`, w.pid ?? 0])) };
  if (wanted(4)) await streamingSection({ simulatorUrl: simulator.url, app: APP, pids });
  if (wanted(5)) await fairShareSection({ simulatorUrl: simulator.url, ask: viaApi });
  if (wanted(6)) await signInFloodSection({ app: APP });
} finally {
  await stopAll(children);
  await db.$disconnect();
}
process.exit(0);
