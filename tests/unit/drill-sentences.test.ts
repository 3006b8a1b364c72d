// The words a drill is told in: the Overview's card and the feed's sentence.
import { describe, expect, it } from "vitest";

import { describeEvent } from "@/lib/activity/describe-event";
import { toEventDto } from "@/lib/activity/event-dto";
import type { TDrillBackup } from "@/lib/drills/drill-result";

const backup = (over: Partial<TDrillBackup>): TDrillBackup => ({
  position: 1,
  label: "Anthropic production",
  vendor: "anthropic",
  model: "claude-3-5-haiku-latest",
  ok: true,
  latencyMs: 812,
  outcome: "ok",
  status: null,
  message: null,
  ...over,
});

const drill = {
  drillId: "3f0b1e4e-8d7c-4a53-9b38-7f6a5c1d2e90",
  trigger: "manual",
  passed: false,
  results: [backup({}), backup({ position: 2, label: "API key …x9Q2", vendor: "openai", ok: false, latencyMs: 40, outcome: "auth", status: 401 })],
};

describe("drill sentences", () => {
  it("says which backup answered in how long and which failed and why, with who ran it", () => {
    expect(describeEvent({ type: "drill", data: drill, actorName: "Ada", agentName: null })).toBe(
      "Failover drill by Ada: Backup 1 (Anthropic production) answered in 812 ms. Backup 2 (API key …x9Q2) failed: key rejected (401).",
    );
  });

  it("names the daily drill, and says why no backup was tried", () => {
    const none = { ...drill, trigger: "daily", results: [], message: "The agent was not running when the drill ran." };
    expect(describeEvent({ type: "drill", data: none, actorName: null, agentName: "Support" })).toBe(
      "Support: Daily failover drill: The agent was not running when the drill ran.",
    );
  });

  it("shows each backup's attempt timeline in the feed, forced links said as such", () => {
    const attempts = [
      [{ label: "OpenAI", model: "gpt-4o-mini", outcome: "server_error", status: 503, latencyMs: 0, skipped: "forced" }],
      [{ label: "Anthropic", model: "claude", outcome: "ok", status: null, latencyMs: 812, skipped: null }],
    ];
    const data = { ...drill, results: drill.results.map((result, i) => ({ ...result, attempts: attempts[i] })) };
    const dto = toEventDto(
      { id: "e1", type: "drill", severity: "error", data, createdAt: new Date(0), actorName: null, agent: { name: "Support", slug: "support" } },
      { orgSlug: "acme", showAgent: false },
    );
    expect(dto.label).toBe("Failover drill");
    expect(dto.attempts.map((a) => `${a.provider}: ${a.outcome}`)).toEqual(["OpenAI: Made to fail by the drill (not called)", "Anthropic: OK"]);
  });
});
