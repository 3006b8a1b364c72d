import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";

import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";
import { callsOf } from "../simulator/sim-client";

const harness = useTurnHarness("failover", { workers: 2 });

const FAILOVER_CASES = [
  ["sim-429", "rate_limited", 429],
  ["sim-quota", "quota_exhausted", 429],
  ["sim-500", "server_error", 500],
  ["sim-503", "overloaded", 503],
  ["sim-529", "overloaded", 529],
  ["sim-reset", "network", null],
  ["sim-401", "auth", 401],
  ["sim-404-model", "model_unavailable", 404],
  ["sim-empty", "empty", null],
] as const;

describe("in-turn failover with two worker processes", () => {
  for (const [key, outcome, status] of FAILOVER_CASES) {
    it(`answers from the backup when the primary fails with ${outcome} (${key}) and writes a failover event`, async () => {
      const { org, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: key });
      const { id } = await sendTurn({ orgId: org.id, agentId: agent.id, text: "Hello there" });
      const turn = await settledTurn(id);
      expect(turn).toMatchObject({ state: "answered", answeredBy: "Anthropic (simulated)", failedOver: true });
      expect(turn.answer).toMatch(/^\[anthropic:/);
      expect(turn.attempts[0]).toMatchObject({ label: "OpenAI (simulated)", outcome, status });
      if (outcome === "empty") expect(turn.attempts[1]).toMatchObject({ label: "OpenAI (simulated)", corrective: true });
      expect(turn.attempts.at(-1)).toMatchObject({ label: "Anthropic (simulated)", outcome: "ok" });
      const event = await db.activityEvent.findFirstOrThrow({ where: { agentId: agent.id, type: "failover" } });
      expect(event.data).toMatchObject({
        from: "OpenAI (simulated)",
        to: "Anthropic (simulated)",
        reason: outcome,
        turnId: id,
        conversationId: turn.conversationId,
      });
      const assistant = await db.message.findMany({ where: { turnId: id, role: "assistant" } });
      expect(assistant).toHaveLength(1);
    });
  }

  it("continues an answer whose stream was cut after its first token, and stores the one answer the caller received", async () => {
    const { org, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-stream-cut-2" });
    const { id } = await sendTurn({ orgId: org.id, agentId: agent.id, text: "Hello there" });
    const turn = await settledTurn(id);
    expect(turn).toMatchObject({ state: "answered", answeredBy: "Anthropic (simulated)", failedOver: true });
    expect(turn.answer).toBe("[openai:gpt-4o-mini] [anthropic:claude-3-5-haiku-latest] continues the answer.");
    expect(turn.attempts.map((a) => [a.label, a.outcome, a.delivered, a.continued])).toEqual([
      ["OpenAI (simulated)", "stream_cut", 1, false],
      ["Anthropic (simulated)", "ok", 4, true],
    ]);
    const event = await db.activityEvent.findFirstOrThrow({ where: { agentId: agent.id, type: "failover" } });
    expect(event.data).toMatchObject({ from: "OpenAI (simulated)", to: "Anthropic (simulated)", reason: "stream_cut", continued: true, delivered: 1 });
  });

  it("fails over on a tool call whose arguments do not parse, after one corrective retry", async () => {
    const { org, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-badjson-tool", tools: ["calculator"] });
    const { id } = await sendTurn({ orgId: org.id, agentId: agent.id, text: "calculate 6*7" });
    const turn = await settledTurn(id);
    expect(turn).toMatchObject({ state: "answered", answeredBy: "Anthropic (simulated)" });
    expect(turn.attempts.slice(0, 2).map((a) => [a.outcome, a.corrective])).toEqual([
      ["bad_tool_call", false],
      ["bad_tool_call", true],
    ]);
    expect(turn.answer).toContain("42");
  });

  it("abandons a stalled primary at its timeout and answers from the backup", async () => {
    const { org, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-timeout", timeoutSeconds: 1 });
    const { id } = await sendTurn({ orgId: org.id, agentId: agent.id, text: "Are you there?" });
    const turn = await settledTurn(id);
    expect(turn).toMatchObject({ state: "answered", answeredBy: "Anthropic (simulated)" });
    expect(turn.attempts[0]).toMatchObject({ outcome: "timeout" });
  });

  for (const [key, outcome] of [
    ["sim-400", "bad_request"],
    ["sim-filter", "content_filter"],
  ] as const) {
    it(`returns ${outcome} to the caller without trying the backup`, async () => {
      const { org, agent, keys } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: key });
      const { id } = await sendTurn({ orgId: org.id, agentId: agent.id, text: "Hello" });
      const turn = await settledTurn(id);
      expect(turn).toMatchObject({ state: "failed", errorOutcome: outcome });
      expect(turn.attempts).toHaveLength(1);
      expect(await callsOf(harness.simulatorUrl, keys.backup)).toEqual({});
    });
  }

  it("gives the caller the primary's original error when every provider fails, and writes All providers failed", async () => {
    const { org, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-429", backupKey: "sim-500" });
    const { id } = await sendTurn({ orgId: org.id, agentId: agent.id, text: "Hello" });
    const turn = await settledTurn(id);
    expect(turn).toMatchObject({ state: "failed", errorOutcome: "rate_limited", errorStatus: 429 });
    expect(turn.attempts.map((a) => a.outcome)).toEqual(["rate_limited", "server_error"]);
    const event = await db.activityEvent.findFirstOrThrow({ where: { agentId: agent.id, type: "all_failed" } });
    expect(event).toMatchObject({ severity: "error", data: { outcome: "rate_limited", status: 429 } });
  });
});
