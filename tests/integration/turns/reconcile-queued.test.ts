// The reconciler's pass over queued turns, with no worker running: nothing
// answers or re-enqueues the turns behind the test's back.
import { Queue, Worker } from "bullmq";
import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { createRedis, producerConnection, queuePrefix } from "@/lib/queue/connections";
import { QUEUES } from "@/lib/queue/names";
import { enqueueTurn } from "@/lib/queue/producers";
import { reconcileTurns, staleQueuedTurns } from "@/lib/turns/reconcile-turns";

import { useSettleDeps } from "../../fixtures/settle-deps";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent } from "../../fixtures/turns";
import { eventually } from "../../fixtures/worker-process";

const harness = useTurnHarness("reconcile-queued", { workers: 0 });
const settleDeps = useSettleDeps();

async function queuedLongAgo(running: Awaited<ReturnType<typeof createRunningAgent>>, minutesAgo: number) {
  const { org, agent } = running;
  const conversation = await db.conversation.create({ data: { orgId: org.id, agentId: agent.id, source: "api", title: "queued" } });
  const turn = await db.turn.create({
    data: { orgId: org.id, agentId: agent.id, conversationId: conversation.id, createdAt: new Date(Date.now() - minutesAgo * 60_000) },
  });
  await db.message.create({ data: { orgId: org.id, conversationId: conversation.id, turnId: turn.id, role: "user", content: "Hello" } });
  return turn;
}

describe("the reconciler's pass over queued turns", () => {
  it("takes another organization's lost turn even while one organization has more queued turns than a pass takes", async () => {
    const busy = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    const other = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    // Years old, so they come before anything other tests leave queued.
    const YEARS = 5 * 365 * 24 * 60;
    try {
      for (let i = 0; i < 10; i += 1) await queuedLongAgo(busy, YEARS - i);
      const lost = await queuedLongAgo(other, YEARS - 60);

      const pass = await staleQueuedTurns({ graceMs: 30_000, limit: 5, perOrgLimit: 2 });

      expect(pass.map((t) => t.id)).toContain(lost.id);
      expect(pass.filter((t) => t.orgId === busy.org.id)).toHaveLength(2);
    } finally {
      // Left queued, they would come first in every later run's pass.
      await db.conversation.deleteMany({ where: { orgId: { in: [busy.org.id, other.org.id] } } });
    }
  });

  it("retries a job that used up its attempts while its turn stayed queued, instead of leaving the turn for the job's clean-up", async () => {
    const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    const turn = await queuedLongAgo(running, 5);
    await enqueueTurn({ turnId: turn.id, orgId: running.org.id });
    // A worker that cannot claim anything (PostgreSQL down, say): the job
    // fails three times and nobody settles the turn.
    const broken = new Worker(QUEUES.turns, () => Promise.reject(new Error("database unavailable")), {
      connection: createRedis("worker"),
      prefix: queuePrefix(),
    });
    const queue = new Queue(QUEUES.turns, { connection: producerConnection(), prefix: queuePrefix() });
    try {
      await eventually("the job failed for good", async () => ((await queue.getJob(turn.id))?.finishedOn ? true : undefined), 20_000);
      await broken.close();
      expect(await (await queue.getJob(turn.id))!.getState()).toBe("failed");

      await reconcileTurns({ deps: settleDeps, queuedGraceMs: 30_000 });

      const job = (await queue.getJob(turn.id))!;
      expect(await job.getState()).toBe("waiting");
      expect(job.attemptsMade).toBe(0);
    } finally {
      await broken.close();
      await queue.close();
    }
  });
});
