// One organization whose provider hangs cannot hold every worker slot: its
// turns over its cap wait in its own lane, still queued, spending no attempt,
// while another organization's turns are answered. Two worker processes, so
// the cap is shown to hold across workers, not per process.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { queuePrefix } from "@/lib/queue/connections";
import { QUEUES } from "@/lib/queue/names";
import { turnSlots } from "@/lib/turns/turn-slots";

import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn, settleLeftovers } from "../../fixtures/turns";
import { eventually } from "../../fixtures/worker-process";

const CAP = 3;
const harness = useTurnHarness("fair", { workers: 2, env: { WORKER_CONCURRENCY: "8", ORG_MAX_TURNS_IN_FLIGHT: String(CAP) } });
const redis = new Redis(process.env.REDIS_URL!);
const queue = new Queue(QUEUES.turns, { connection: redis, prefix: queuePrefix() });
const slots = turnSlots({ redis, leaseMs: 30_000 });

// Registered after the harness, so it runs first: the hanging turns would
// keep a worker asked to stop gently waiting for their two-minute timeouts.
afterAll(async () => {
  await Promise.all(harness.workers.map((w) => w.stop("SIGKILL")));
  await queue.close();
  redis.disconnect();
});

const statesOf = async (agentId: string) =>
  Object.fromEntries((await db.turn.groupBy({ by: ["state"], where: { agentId }, _count: { _all: true } })).map((g) => [g.state, g._count._all]));

describe("fair share between organizations", () => {
  it("answers organization B's turns while organization A has 100 turns against a provider that never answers", async () => {
    const hanging = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-timeout", backupKey: "sim-timeout", timeoutSeconds: 120 });
    const a = { orgId: hanging.org.id, agentId: hanging.agent.id };
    const sentA: string[] = [];
    for (let batch = 0; batch < 4; batch += 1) {
      const sent = await Promise.all(Array.from({ length: 25 }, (_, i) => sendTurn({ ...a, text: `Are you there? ${batch}-${i}` })));
      sentA.push(...sent.map((t) => t.id));
    }
    await eventually("A's turns taking the workers", async () => (((await statesOf(a.agentId)).running ?? 0) >= CAP ? true : undefined));

    const healthy = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    const sentB = await Promise.all([1, 2, 3].map((i) => sendTurn({ orgId: healthy.org.id, agentId: healthy.agent.id, text: `Question ${i}` })));
    for (const { id } of sentB) {
      expect(await settledTurn(id, 20_000)).toMatchObject({ state: "answered", answeredBy: "OpenAI (simulated)" });
    }

    // A holds its cap across both workers, and no more; the rest of A's
    // turns are still queued, and waiting cost them no attempt.
    expect(await statesOf(a.agentId)).toEqual({ running: CAP, queued: 100 - CAP });
    expect(await slots.inFlight(a.orgId)).toBe(CAP);
    const waiting = await db.turn.findMany({ where: { agentId: a.agentId, state: "queued" }, select: { id: true } });
    const jobsOfWaiting = () => Promise.all(waiting.map((t) => queue.getJob(t.id)));
    // Every one of them has been turned away at least once, and no turn away counted as an attempt.
    const jobs = await eventually("every waiting turn turned away", async () => {
      const each = await jobsOfWaiting();
      return each.every((job) => (job?.attemptsStarted ?? 0) >= 1) ? each : undefined;
    });
    expect(jobs.map((job) => job?.attemptsMade)).toEqual(waiting.map(() => 0));
    expect(await queue.getJobCountByTypes("failed")).toBe(0);
    await settleLeftovers(a.orgId);
  }, 90_000);
});
