import { describe, expect, it } from "vitest";

import { overviewStats } from "@/lib/stats/overview-stats";

import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";

const harness = useTurnHarness("usage");

describe("tokens per attempt, written by the worker", () => {
  it("keeps the tokens of the empty answer, its corrective retry and the backup's answer; the turn keeps the answering call's", async () => {
    const { org, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-empty" });
    const { id } = await sendTurn({ orgId: org.id, agentId: agent.id, text: "Hello there" });
    const turn = await settledTurn(id);
    expect(turn).toMatchObject({ state: "answered", answeredBy: "Anthropic (simulated)", failedOver: true });
    const [empty, retry, answer] = turn.attempts;
    expect(turn.attempts).toHaveLength(3);
    // An empty reply is billed for its prompt and has no output.
    expect(empty).toMatchObject({ label: "OpenAI (simulated)", outcome: "empty", corrective: false, outputTokens: 0 });
    expect(empty!.inputTokens).toBeGreaterThan(0);
    // The retry's prompt carries the corrective instruction: its own, larger count.
    expect(retry).toMatchObject({ label: "OpenAI (simulated)", outcome: "empty", corrective: true, outputTokens: 0 });
    expect(retry!.inputTokens).toBeGreaterThan(empty!.inputTokens!);
    expect(answer).toMatchObject({ label: "Anthropic (simulated)", outcome: "ok" });
    expect(answer!.inputTokens).toBeGreaterThan(0);
    expect(answer!.outputTokens).toBeGreaterThan(0);
    // What the API response reports: the answering call's usage, not the sum.
    expect({ inputTokens: turn.inputTokens, outputTokens: turn.outputTokens }).toEqual({
      inputTokens: answer!.inputTokens,
      outputTokens: answer!.outputTokens,
    });

    const { tokens } = await overviewStats({ orgId: org.id, agentId: agent.id, range: "24h" });
    expect(tokens).toHaveLength(2);
    expect(tokens).toEqual(
      expect.arrayContaining([
        { label: "OpenAI (simulated)", calls: 2, inputTokens: empty!.inputTokens! + retry!.inputTokens!, outputTokens: 0 },
        { label: "Anthropic (simulated)", calls: 1, inputTokens: answer!.inputTokens, outputTokens: answer!.outputTokens },
      ]),
    );
  });

  it("stores no tokens for a call that errored", async () => {
    const { org, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-500" });
    const { id } = await sendTurn({ orgId: org.id, agentId: agent.id, text: "Hello there" });
    const turn = await settledTurn(id);
    expect(turn.attempts.map((a) => [a.label, a.outcome, a.inputTokens === null, a.outputTokens === null])).toEqual([
      ["OpenAI (simulated)", "server_error", true, true],
      ["Anthropic (simulated)", "ok", false, false],
    ]);
  });
});
