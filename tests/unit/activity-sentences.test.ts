import { describe, expect, it } from "vitest";

import { describeEvent } from "@/lib/activity/describe-event";

const sentence = (type: string, data: unknown, extra: { actorName?: string; agentName?: string } = {}) =>
  describeEvent({ type, data, actorName: extra.actorName ?? null, agentName: extra.agentName ?? null });

describe("activity sentences", () => {
  it("reads a failover as who, to whom, why, time lost and total time", () => {
    expect(
      sentence("failover", { from: "OpenAI (simulated)", to: "Anthropic (simulated)", reason: "rate_limited", status: 429, lostMs: 38, totalMs: 212 }),
    ).toBe("Failed over from OpenAI (simulated) to Anthropic (simulated): rate limited (429), 38 ms lost; answered in 212 ms.");
  });

  it("says when the primary was skipped because its circuit was open, and prefixes the agent on the org page", () => {
    expect(sentence("failover", { from: "A", to: "B", reason: "circuit_open", lostMs: 0, totalMs: 15 }, { agentName: "Support" })).toBe(
      "Support: Failed over from A to B: skipped while its circuit was open, 0 ms lost; answered in 15 ms.",
    );
  });

  it("names who restarted an agent and the chain it now answers with", () => {
    expect(sentence("agent_restarted", { next: ["OpenAI (gpt-4o-mini)", "Anthropic (claude)"] }, { actorName: "Ada" })).toBe(
      "Agent restarted by Ada: now answering with OpenAI (gpt-4o-mini) → Anthropic (claude).",
    );
  });

  it("explains health changes and never needs a key, only its hint", () => {
    expect(sentence("needs_attention", { provider: "OpenAI", cause: { outcome: "auth", status: 401 } })).toBe(
      "OpenAI needs attention: key rejected (401). Replace the key or top up the quota.",
    );
    expect(sentence("key_removed", { vendor: "google", hint: "…abcd" })).toBe("API key …abcd for Google Gemini destroyed.");
  });

  it("says who or what probed a provider back to health, and who reset it", () => {
    expect(sentence("provider_recovered", { provider: "OpenAI", by: "prober" })).toBe("OpenAI recovered: its circuit closed after a background probe.");
    expect(sentence("provider_recovered", { provider: "OpenAI", by: "manual" }, { actorName: "Ada" })).toBe(
      "OpenAI recovered: its circuit closed after a probe by Ada.",
    );
    expect(sentence("provider_recovered", { provider: "OpenAI" })).toBe("OpenAI recovered: its circuit closed.");
    expect(sentence("health_reset", { provider: "OpenAI" }, { actorName: "Ada" })).toBe(
      "OpenAI health reset by Ada: its circuit is closed and the cooldown cleared.",
    );
  });
});
