import { describe, expect, it } from "vitest";

import { overviewStats } from "@/lib/stats/overview-stats";
import { anyTokens } from "@/lib/stats/provider-tokens";

import { createAgentWithNeighbours, createAgentWithProviders } from "../../fixtures/agents";
import { insertTurns, type TAttemptRow, type TTurnRow } from "../../fixtures/turn-rows";

const NOW = new Date("2025-06-10T12:30:00Z");
const at = (iso: string) => new Date(iso);
const OPENAI = { label: "OpenAI (simulated)", model: "gpt-4o-mini" };
const ANTHROPIC = { label: "Anthropic (simulated)", model: "claude-3-5-haiku-latest" };
const call = (link: typeof OPENAI, outcome: TAttemptRow["outcome"], inputTokens?: number, outputTokens?: number): TAttemptRow => ({
  ...link,
  outcome,
  latencyMs: 10,
  inputTokens,
  outputTokens,
});

// Hand-worked figures: see the expectations below each range.
const TURNS: TTurnRow[] = [
  // An empty answer, its corrective retry (both billed), then the backup answers.
  {
    at: at("2025-06-10T12:10:00Z"),
    answeredBy: ANTHROPIC.label,
    failedOver: true,
    attempts: [call(OPENAI, "empty", 10, 0), call(OPENAI, "empty", 30, 0), call(ANTHROPIC, "ok", 12, 1500)],
  },
  { at: at("2025-06-10T11:00:00Z"), answeredBy: OPENAI.label, attempts: [call(OPENAI, "ok", 1000, 2000)] },
  // A skipped link made no call.
  {
    at: at("2025-06-10T10:00:00Z"),
    answeredBy: ANTHROPIC.label,
    failedOver: true,
    attempts: [{ ...call(OPENAI, "overloaded"), skipped: "circuit_open" }, call(ANTHROPIC, "ok", 8, 900)],
  },
  // Calls that errored count as calls and report no tokens.
  {
    at: at("2025-06-10T09:00:00Z"),
    state: "failed",
    attempts: [
      { ...call(OPENAI, "server_error"), status: 500 },
      { ...call(ANTHROPIC, "server_error"), status: 500 },
    ],
  },
  // The last instant before the 24-hour window; inside the 7-day one.
  { at: at("2025-06-09T12:59:59.999Z"), answeredBy: OPENAI.label, attempts: [call(OPENAI, "ok", 99_999, 99_999)] },
];

describe("Tokens by provider", () => {
  it("sums every call's tokens per provider, failed and corrective calls included, over the range", async () => {
    const { org, agent } = await createAgentWithProviders();
    await insertTurns({ orgId: org.id, agentId: agent.id, turns: TURNS });
    const day = await overviewStats({ orgId: org.id, agentId: agent.id, range: "24h", now: NOW });
    // OpenAI: 2 empty + 1 ok + 1 error = 4 calls, 10 + 30 + 1000 in. Anthropic: 2 ok + 1 error.
    expect(day.tokens).toEqual([
      { label: OPENAI.label, calls: 4, inputTokens: 1040, outputTokens: 2000 },
      { label: ANTHROPIC.label, calls: 3, inputTokens: 20, outputTokens: 2400 },
    ]);
    expect(anyTokens(day.tokens)).toBe(true);
    const week = await overviewStats({ orgId: org.id, agentId: agent.id, range: "7d", now: NOW });
    expect(week.tokens).toEqual([
      { label: OPENAI.label, calls: 5, inputTokens: 101_039, outputTokens: 101_999 },
      { label: ANTHROPIC.label, calls: 3, inputTokens: 20, outputTokens: 2400 },
    ]);
  });

  it("reports calls but no tokens when every call in the range errored", async () => {
    const { org, agent } = await createAgentWithProviders();
    await insertTurns({ orgId: org.id, agentId: agent.id, turns: [TURNS[3]!] });
    const stats = await overviewStats({ orgId: org.id, agentId: agent.id, range: "24h", now: NOW });
    expect(stats.tokens).toEqual([
      { label: ANTHROPIC.label, calls: 1, inputTokens: 0, outputTokens: 0 },
      { label: OPENAI.label, calls: 1, inputTokens: 0, outputTokens: 0 },
    ]);
    expect(anyTokens(stats.tokens)).toBe(false);
  });

  it("counts none of another agent's or another organization's tokens", async () => {
    const { mine, sibling, other } = await createAgentWithNeighbours();
    const billed: TTurnRow = { at: at("2025-06-10T12:15:00Z"), answeredBy: OPENAI.label, attempts: [call(OPENAI, "ok", 7, 7)] };
    await insertTurns({ orgId: mine.org.id, agentId: mine.agent.id, turns: [billed] });
    await insertTurns({ orgId: mine.org.id, agentId: sibling.id, turns: [billed] });
    await insertTurns({ orgId: other.org.id, agentId: other.agent.id, turns: [billed] });
    // Even a row claiming this agent's id under another organization is not counted.
    await insertTurns({ orgId: other.org.id, agentId: mine.agent.id, turns: [billed] });
    const stats = await overviewStats({ orgId: mine.org.id, agentId: mine.agent.id, range: "24h", now: NOW });
    expect(stats.tokens).toEqual([{ label: OPENAI.label, calls: 1, inputTokens: 7, outputTokens: 7 }]);
    const elsewhere = await overviewStats({ orgId: mine.org.id, agentId: other.agent.id, range: "24h", now: NOW });
    expect(elsewhere.tokens).toEqual([]);
    expect(anyTokens(elsewhere.tokens)).toBe(false);
  });
});
