import { describe, expect, it } from "vitest";

import { actionsFor, failoverRateAbove, openKeyOf, type TFeedEvent } from "@/lib/alerts/rules";

const event = (type: string, data: unknown, agentId: string | null = "agent_1"): TFeedEvent => ({
  id: "ev_1",
  orgId: "org_1",
  agentId,
  type,
  data,
  createdAt: new Date(0),
});
const circuit = { circuitKey: "cred_1|gpt-4o-mini", provider: "OpenAI", cause: { outcome: "auth", status: 401 } };
const link = { credentialId: "cred_1", model: "gpt-4o-mini" };

describe("which events open and resolve incidents", () => {
  it("opens per agent, and per agent and link for a provider's health", () => {
    expect(actionsFor(event("all_failed", { outcome: "server_error", status: 500 }))).toEqual([
      { kind: "open", rule: "all_failed", agentId: "agent_1", link: null, label: null, detail: { cause: "server_error (500)" } },
    ]);
    expect(actionsFor(event("needs_attention", circuit))).toEqual([
      { kind: "open", rule: "needs_attention", agentId: "agent_1", link, label: "OpenAI", detail: { cause: "auth (401)" } },
    ]);
    expect(actionsFor(event("provider_degraded", circuit))).toMatchObject([{ kind: "open", rule: "circuit", link }]);
    expect(actionsFor(event("failover", {}))).toEqual([{ kind: "check_failover_rate", agentId: "agent_1" }]);
  });

  it("resolves a link for every agent on a recovery or a reset, with or without an agent", () => {
    const resolve = [{ kind: "resolve_link", rules: ["needs_attention", "circuit"], link }];
    expect(actionsFor(event("provider_recovered", circuit, null))).toEqual(resolve);
    expect(actionsFor(event("health_reset", { circuitKey: "cred_1|gpt-4o-mini" }))).toEqual(resolve);
  });

  it("opens on a failed drill, naming the failed backups, and resolves on a passing one", () => {
    const results = [
      { position: 1, label: "Anthropic", ok: true, outcome: "ok" },
      { position: 2, label: "API key …x9Q2", ok: false, outcome: "auth" },
    ];
    expect(actionsFor(event("drill", { passed: false, results }))).toEqual([
      { kind: "open", rule: "drill_failed", agentId: "agent_1", link: null, label: null, detail: { failedBackups: ["API key …x9Q2: auth"] } },
    ]);
    expect(actionsFor(event("drill", { passed: true, results }))).toEqual([{ kind: "resolve_agent", rule: "drill_failed", agentId: "agent_1" }]);
  });

  it("ignores events it cannot place: no agent to open for, no link, other types, a drill without a verdict", () => {
    expect(actionsFor(event("all_failed", {}, null))).toEqual([]);
    expect(actionsFor(event("provider_degraded", { provider: "OpenAI" }))).toEqual([]);
    expect(actionsFor(event("agent_restarted", {}))).toEqual([]);
    expect(actionsFor(event("drill", { results: [] }))).toEqual([]);
  });
});

describe("the failover rate", () => {
  it("needs five settled turns, then compares with the threshold", () => {
    expect(failoverRateAbove({ settled: 4, failedOver: 4, thresholdPercent: 20 })).toBe(false);
    expect(failoverRateAbove({ settled: 5, failedOver: 2, thresholdPercent: 20 })).toBe(true);
    expect(failoverRateAbove({ settled: 10, failedOver: 2, thresholdPercent: 20 })).toBe(false);
    expect(failoverRateAbove({ settled: 10, failedOver: 3, thresholdPercent: 20 })).toBe(true);
  });

  it("keys an incident by rule, agent and link", () => {
    const base = { rule: "circuit" as const, agentId: "a", link };
    expect(openKeyOf(base)).toBe(openKeyOf({ ...base }));
    expect(openKeyOf(base)).not.toBe(openKeyOf({ ...base, link: { ...link, model: "gpt-4o" } }));
    expect(openKeyOf(base)).not.toBe(openKeyOf({ ...base, agentId: "b" }));
    expect(openKeyOf(base)).not.toBe(openKeyOf({ ...base, rule: "needs_attention" }));
  });
});
