// The reconciler's pass over queued turns, with no worker running: nothing
// answers or re-enqueues the turns behind the test's back.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { staleQueuedTurns } from "@/lib/turns/reconcile-turns";
import { createRunningAgent } from "../../fixtures/turns";
import { useTurnHarness } from "../../fixtures/turn-harness";

const harness = useTurnHarness("reconcile-fairness", { workers: 0 });

async function queuedLongAgo(running: Awaited<ReturnType<typeof createRunningAgent>>, minutesAgo: number) {
  const { org, agent } = running;
  const conversation = await db.conversation.create({ data: { orgId: org.id, agentId: agent.id, source: "api", title: "queued" } });
  const turn = await db.turn.create({ data: { orgId: org.id, agentId: agent.id, conversationId: conversation.id, createdAt: new Date(Date.now() - minutesAgo * 60_000) } });
  await db.message.create({ data: { orgId: org.id, conversationId: conversation.id, turnId: turn.id, role: "user", content: "Hello" } });
  return turn;
}

describe("the reconciler's pass over queued turns", () => {
  it("takes another organization's lost turn even while one organization has more queued turns than a pass takes", async () => {
    const busy = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    // Older than anything other tests leave queued, so they come first.
    for (let i = 0; i < 10; i += 1) await queuedLongAgo(busy, 600 - i);
    const lost = await queuedLongAgo(await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" }), 500);

    const pass = await staleQueuedTurns({ graceMs: 30_000, limit: 5, perOrgLimit: 2 });

    expect(pass.map((t) => t.id)).toContain(lost.id);
    expect(pass.filter((t) => t.orgId === busy.org.id)).toHaveLength(2);
  });
});
