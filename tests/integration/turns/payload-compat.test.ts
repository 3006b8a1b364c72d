import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { enqueueTurn } from "@/lib/queue/producers";
import { createRunningAgent, settledTurn } from "../../fixtures/turns";
import { useTurnHarness } from "../../fixtures/turn-harness";

const harness = useTurnHarness("compat");

describe("turn job payloads", () => {
  it("answers a job that carries only the turn id, as an older web process enqueues it", async () => {
    const { org, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    const conversation = await db.conversation.create({ data: { orgId: org.id, agentId: agent.id, source: "api", title: "old payload" } });
    const turn = await db.turn.create({ data: { orgId: org.id, agentId: agent.id, conversationId: conversation.id } });
    await db.message.create({ data: { orgId: org.id, conversationId: conversation.id, turnId: turn.id, role: "user", content: "Hello from before the upgrade" } });
    await enqueueTurn({ turnId: turn.id });
    expect(await settledTurn(turn.id)).toMatchObject({ state: "answered", answeredBy: "OpenAI (simulated)" });
  });
});
