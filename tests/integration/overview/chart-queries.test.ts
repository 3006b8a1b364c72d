import { describe, expect, it } from "vitest";

import { overviewStats, totalsSentence } from "@/lib/stats/overview-stats";

import { createAgentWithNeighbours, createAgentWithProviders } from "../../fixtures/agents";
import { insertTurns, type TAttemptRow, type TTurnRow } from "../../fixtures/turn-rows";

const NOW = new Date("2025-06-10T12:30:00Z");
const at = (iso: string) => new Date(iso);
const OPENAI = { label: "OpenAI (simulated)", model: "gpt-4o-mini" };
const ANTHROPIC = { label: "Anthropic (simulated)", model: "claude-3-5-haiku-latest" };
const ok = (link: typeof OPENAI, latencyMs: number): TAttemptRow => ({ ...link, outcome: "ok", latencyMs });
const answered = (iso: string, link: typeof OPENAI, latencyMs: number) => ({ at: at(iso), answeredBy: link.label, attempts: [ok(link, latencyMs)] });

// Hand-worked figures: see the expectations below each range.
const TURNS: TTurnRow[] = [
  answered("2025-06-10T12:10:00Z", OPENAI, 100),
  {
    at: at("2025-06-10T12:20:00Z"),
    answeredBy: ANTHROPIC.label,
    failedOver: true,
    attempts: [{ ...OPENAI, outcome: "rate_limited", status: 429, latencyMs: 50 }, ok(ANTHROPIC, 300)],
  },
  {
    at: at("2025-06-10T10:05:00Z"),
    state: "failed" as const,
    attempts: [
      { ...OPENAI, outcome: "server_error", status: 500, latencyMs: 40 },
      { ...ANTHROPIC, outcome: "server_error", status: 500, latencyMs: 60 },
    ],
  },
  answered("2025-06-10T10:59:59.999Z", OPENAI, 200),
  {
    at: at("2025-06-10T08:30:00Z"),
    answeredBy: ANTHROPIC.label,
    failedOver: true,
    attempts: [{ ...OPENAI, outcome: "overloaded", latencyMs: 0, skipped: "circuit_open" as const }, ok(ANTHROPIC, 500)],
  },
  // First instant of the 24-hour window, and the last one before it.
  answered("2025-06-09T13:00:00Z", OPENAI, 400),
  answered("2025-06-09T12:59:59.999Z", OPENAI, 1000),
  answered("2025-06-07T09:00:00Z", ANTHROPIC, 700),
  // First instant of the 7-day window, and the last one before it.
  answered("2025-06-03T13:00:00Z", OPENAI, 50),
  answered("2025-06-03T12:59:59.999Z", OPENAI, 9999),
];

async function agentWithTurns() {
  const tenant = await createAgentWithProviders();
  await insertTurns({ orgId: tenant.org.id, agentId: tenant.agent.id, turns: TURNS });
  return tenant;
}

describe("Overview chart queries", () => {
  it("counts turns, failovers and failed turns per hour over the last 24 hours, every hour present", async () => {
    const { org, agent } = await agentWithTurns();
    const stats = await overviewStats({ orgId: org.id, agentId: agent.id, range: "24h", now: NOW });
    expect(stats.hours).toHaveLength(24);
    expect(stats.hours[0]!.hour).toEqual(at("2025-06-09T13:00:00Z"));
    expect(stats.hours.at(-1)!.hour).toEqual(at("2025-06-10T12:00:00Z"));
    const nonZero = stats.hours.filter((h) => h.turns > 0).map((h) => ({ ...h, hour: h.hour.toISOString() }));
    expect(nonZero).toEqual([
      { hour: "2025-06-09T13:00:00.000Z", turns: 1, failovers: 0, failed: 0 },
      { hour: "2025-06-10T08:00:00.000Z", turns: 1, failovers: 1, failed: 0 },
      { hour: "2025-06-10T10:00:00.000Z", turns: 2, failovers: 0, failed: 1 },
      { hour: "2025-06-10T12:00:00.000Z", turns: 2, failovers: 1, failed: 0 },
    ]);
    expect(stats.hours.find((h) => h.hour.toISOString() === "2025-06-10T11:00:00.000Z")).toMatchObject({ turns: 0, failovers: 0, failed: 0 });
    expect(stats.totals).toEqual({ turns: 6, failovers: 2, failed: 1 });
    expect(totalsSentence(stats.totals)).toBe("6 turns, 2 failovers, 1 failed");
  });

  it("shares answered turns by provider and takes p50/p95 from successful calls only (24 hours)", async () => {
    const { org, agent } = await agentWithTurns();
    const stats = await overviewStats({ orgId: org.id, agentId: agent.id, range: "24h", now: NOW });
    expect(stats.share).toEqual([
      { label: OPENAI.label, turns: 3, percent: 60 },
      { label: ANTHROPIC.label, turns: 2, percent: 40 },
    ]);
    // OpenAI ok calls 100, 200, 400: p95 = 200 + 0.9 × 200. Anthropic 300, 500.
    expect(stats.latency).toEqual([
      { label: OPENAI.label, calls: 3, p50: 200, p95: 380 },
      { label: ANTHROPIC.label, calls: 2, p50: 400, p95: 490 },
    ]);
  });

  it("covers 168 hours over the last 7 days, from the first instant of the window and not before", async () => {
    const { org, agent } = await agentWithTurns();
    const stats = await overviewStats({ orgId: org.id, agentId: agent.id, range: "7d", now: NOW });
    expect(stats.hours).toHaveLength(168);
    expect(stats.hours[0]!.hour).toEqual(at("2025-06-03T13:00:00Z"));
    expect(stats.hours[0]!.turns).toBe(1);
    expect(stats.totals).toEqual({ turns: 9, failovers: 2, failed: 1 });
    expect(stats.share).toEqual([
      { label: OPENAI.label, turns: 5, percent: 62.5 },
      { label: ANTHROPIC.label, turns: 3, percent: 37.5 },
    ]);
    // OpenAI 50, 100, 200, 400, 1000: p95 = 400 + 0.8 × 600. Anthropic 300, 500, 700.
    expect(stats.latency).toEqual([
      { label: OPENAI.label, calls: 5, p50: 200, p95: 880 },
      { label: ANTHROPIC.label, calls: 3, p50: 500, p95: 680 },
    ]);
  });

  it("counts none of another agent's or another organization's turns", async () => {
    const { mine, sibling, other } = await createAgentWithNeighbours();
    await insertTurns({ orgId: mine.org.id, agentId: sibling.id, turns: [answered("2025-06-10T12:15:00Z", OPENAI, 5)] });
    await insertTurns({ orgId: other.org.id, agentId: other.agent.id, turns: [answered("2025-06-10T12:15:00Z", OPENAI, 5)] });
    // Even a row claiming this agent's id under another organization is not counted.
    await insertTurns({ orgId: other.org.id, agentId: mine.agent.id, turns: [answered("2025-06-10T12:15:00Z", OPENAI, 5)] });
    const stats = await overviewStats({ orgId: mine.org.id, agentId: mine.agent.id, range: "24h", now: NOW });
    expect(stats.totals).toEqual({ turns: 0, failovers: 0, failed: 0 });
    expect(stats.hours).toHaveLength(24);
    expect(stats.share).toEqual([]);
    expect(stats.latency).toEqual([]);
  });
});
