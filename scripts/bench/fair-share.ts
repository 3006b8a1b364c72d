// Section 5 of `npm run bench`: what one organization whose provider never
// answers costs another. Organization A sends 100 turns to a provider that
// hangs; organization B's latency through the API is measured alone, beside
// A held to the default cap (ORG_MAX_TURNS_IN_FLIGHT's default, set as A's
// own, since the benchmark's environment lifts the setting for the other
// sections), and beside A let loose (its cap past the workers' slots), which
// is how every tenant shared the workers before. Import only once the
// benchmark's environment is set (see agents.ts).
import { db } from "../../lib/db/client";
import { ZEnv } from "../../lib/env";
import { redis } from "../../lib/redis";
import { turnSlots } from "../../lib/turns/turn-slots";
import { sendTurn, settleLeftovers } from "../../tests/fixtures/turns";
import { agentWithKey, type TBenchAgent } from "./agents";
import { fmt, percentile, runClients, table } from "./load";

type TFairShareBench = { simulatorUrl: string; ask: (agent: TBenchAgent, text: string) => Promise<boolean> };

const HANGING_TURNS = 100;
const DEFAULT_CAP = ZEnv.shape.ORG_MAX_TURNS_IN_FLIGHT.parse(undefined);
// Each of A's links gives up after this long, so a let-loose A frees the
// workers within the section's time.
const HANG_SECONDS = 10;
const slots = turnSlots({ redis, leaseMs: 30_000 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const running = (agentId: string) => db.turn.count({ where: { agentId, state: "running" } });

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(200);
  }
}

// A's 100 turns, sent straight to the queue; resolves once A has taken what
// it can of the workers (`busy` turns running).
async function hangingOrganization(simulatorUrl: string, { cap, busy }: { cap: number; busy: number }) {
  const a = await agentWithKey({ simulatorUrl, primaryKey: "sim-timeout", backupKey: "sim-timeout", timeoutSeconds: HANG_SECONDS });
  await db.organization.update({ where: { id: a.orgId }, data: { maxTurnsInFlight: cap } });
  await Promise.all(Array.from({ length: HANGING_TURNS }, (_, i) => sendTurn({ orgId: a.orgId, agentId: a.agentId, text: `Are you there? ${i}` })));
  await until(`${busy} of A's turns running`, async () => (await running(a.agentId)) >= busy, 30_000);
  return a;
}

// Settles A's turns and waits until the workers have let go of them all.
async function retire(a: TBenchAgent) {
  await settleLeftovers(a.orgId);
  await until("A's turns to leave the workers", async () => (await slots.inFlight(a.orgId)) === 0, 4 * HANG_SECONDS * 1000);
}

async function measure(bench: TFairShareBench, b: TBenchAgent, { label, total, a }: { label: string; total: number; a?: TBenchAgent }) {
  let aRunning = a ? await running(a.agentId) : 0;
  const run = await runClients({
    clients: 4,
    total,
    call: async (i) => {
      const ok = await bench.ask(b, `question ${i}`);
      if (a) aRunning = Math.max(aRunning, await running(a.agentId));
      return ok;
    },
  });
  const ms = run.samples.map((s) => s.ms);
  return {
    case: label,
    "A turns running (max)": a ? aRunning : "-",
    "B turns": run.samples.length,
    "B p50": fmt(percentile(ms, 50)),
    "B p99": fmt(percentile(ms, 99)),
    "B over 1 s": ms.filter((each) => each > 1000).length,
    "B errors": run.samples.filter((s) => !s.ok).length,
  };
}

export async function fairShareSection(bench: TFairShareBench) {
  const b = await agentWithKey({ simulatorUrl: bench.simulatorUrl, primaryKey: "sim-ok" });
  await runClients({ clients: 4, total: 20, call: (i) => bench.ask(b, `warm up ${i}`) });
  const rows = [await measure(bench, b, { label: "B alone", total: 40 })];
  const capped = await hangingOrganization(bench.simulatorUrl, { cap: DEFAULT_CAP, busy: DEFAULT_CAP });
  rows.push(await measure(bench, b, { label: `B beside A's ${HANGING_TURNS} hanging turns, A held to ${DEFAULT_CAP}`, total: 40, a: capped }));
  await retire(capped);
  // Past the 64 slots of two workers: A takes every slot it finds.
  const loose = await hangingOrganization(bench.simulatorUrl, { cap: 1000, busy: 60 });
  rows.push(await measure(bench, b, { label: `B beside A's ${HANGING_TURNS} hanging turns, A let loose`, total: 8, a: loose }));
  await retire(loose);
  console.log(
    `\n5. Fair share: organization B's latency while organization A's provider never answers (2 workers of 32, A's links give up after ${HANG_SECONDS} s)`,
  );
  console.log(table(rows));
}
