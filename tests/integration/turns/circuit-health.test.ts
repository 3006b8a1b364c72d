import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { reconcileTurns } from "@/lib/turns/reconcile-turns";

import { useSettleDeps } from "../../fixtures/settle-deps";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";
import { eventually } from "../../fixtures/worker-process";

const FAST_HEALTH = { CIRCUIT_COOLDOWN_MS: "1000", CIRCUIT_MAX_COOLDOWN_MS: "4000", HEALTH_PROBE_INTERVAL_MS: "300" };
const harness = useTurnHarness("circuit", { workers: 2, env: FAST_HEALTH });
const settleDeps = useSettleDeps();

const control = (key: string, behaviour: string | null) =>
  fetch(`${harness.simulatorUrl}/_control`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key, behaviour }) });

describe("provider health shared by every worker", () => {
  it("opens after three failures, skips the primary while open, and the prober closes it once the provider recovers", async () => {
    const { org, agent, keys } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-503" });
    for (let i = 0; i < 3; i += 1) {
      const turn = await settledTurn((await sendTurn({ orgId: org.id, agentId: agent.id, text: `Hello ${i}` })).id);
      expect(turn.attempts[0]).toMatchObject({ outcome: "overloaded", skipped: null });
    }
    await eventually(
      "provider degraded event",
      async () => (await db.activityEvent.count({ where: { agentId: agent.id, type: "provider_degraded" } })) || undefined,
    );

    const skipped = await settledTurn((await sendTurn({ orgId: org.id, agentId: agent.id, text: "While open" })).id);
    expect(skipped).toMatchObject({ state: "answered", answeredBy: "Anthropic (simulated)" });
    expect(skipped.attempts[0]).toMatchObject({ label: "OpenAI (simulated)", skipped: "circuit_open" });

    await control(keys.primary, "sim-ok");
    await eventually("provider recovered", async () => (await db.activityEvent.count({ where: { type: "provider_recovered", orgId: org.id } })) || undefined);
    const back = await settledTurn((await sendTurn({ orgId: org.id, agentId: agent.id, text: "After recovery" })).id);
    expect(back).toMatchObject({ answeredBy: "OpenAI (simulated)", failedOver: false });
  });

  it("opens at once on a rejected key and marks the provider as needing attention", async () => {
    const { org, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-401" });
    await settledTurn((await sendTurn({ orgId: org.id, agentId: agent.id, text: "Hello" })).id);
    const event = await db.activityEvent.findFirst({ where: { agentId: agent.id, type: "needs_attention" } });
    expect(event?.data).toMatchObject({ provider: "OpenAI (simulated)", cause: { outcome: "auth", status: 401 } });
    const next = await settledTurn((await sendTurn({ orgId: org.id, agentId: agent.id, text: "Again" })).id);
    expect(next.attempts[0]).toMatchObject({ skipped: "circuit_open" });
  });

  it("re-enqueues a turn left queued (Redis was down when it was accepted)", async () => {
    const { org, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    const conversation = await db.conversation.create({ data: { orgId: org.id, agentId: agent.id, source: "chat", title: "offline" } });
    const turn = await db.turn.create({
      data: { orgId: org.id, agentId: agent.id, conversationId: conversation.id, createdAt: new Date(Date.now() - 60_000) },
    });
    await db.message.create({ data: { orgId: org.id, conversationId: conversation.id, turnId: turn.id, role: "user", content: "Sent while Redis was down" } });
    const { requeued } = await reconcileTurns({ deps: settleDeps, queuedGraceMs: 30_000 });
    expect(requeued).toBeGreaterThanOrEqual(1);
    expect(await settledTurn(turn.id)).toMatchObject({ state: "answered", answeredBy: "OpenAI (simulated)" });
  });
});
