import { describe, expect, it } from "vitest";

import { DEFAULT_CIRCUIT_PARAMS, type TCircuitState } from "@/lib/failover";
import { initialCircuit } from "@/lib/failover/circuit";
import { healthStatus, healthWords, probeMessage } from "@/lib/provider-health/health-status";
import { totalsSentence } from "@/lib/stats/overview-stats";
import { rangeWindow } from "@/lib/stats/range";

const NOW = 1_000_000;
const closed = initialCircuit(DEFAULT_CIRCUIT_PARAMS);
const words = (state: Partial<TCircuitState>, now = NOW) => healthWords(healthStatus({ ...closed, ...state }, now), (at) => `t${at}`);

describe("a circuit in words", () => {
  it("is Healthy when closed without failures and Degraded with some, or while a probe runs", () => {
    expect(words({})).toBe("Healthy");
    expect(words({ consecutiveFailures: 2 })).toBe("Degraded");
    expect(words({ state: "half_open", probeUntil: NOW + 5 })).toBe("Degraded");
  });

  it("says until when an open circuit waits, and Probe due once its cooldown has passed, never a time in the past", () => {
    expect(words({ state: "open", openUntil: NOW + 30_000 })).toBe(`Open until t${NOW + 30_000}`);
    expect(words({ state: "open", openUntil: NOW })).toBe("Probe due");
    expect(words({ state: "open", openUntil: NOW - 60_000 })).toBe("Probe due");
  });

  it("asks for attention first when a key was rejected or the quota ran out", () => {
    expect(words({ state: "open", openUntil: NOW + 30_000, needsAttention: true })).toBe("Needs attention");
  });

  it("reports a probe as OK with its time, or as the failure it met", () => {
    expect(probeMessage({ outcome: "ok", latencyMs: 212 }, 10_000)).toBe("OK, 212 ms");
    expect(probeMessage({ outcome: "rate_limited", status: 429, latencyMs: 15 }, 10_000)).toBe("Rate limited (429)");
    expect(probeMessage({ outcome: "timeout", latencyMs: 10_000 }, 10_000)).toBe("Timed out after 10 s");
  });
});

describe("Overview ranges and totals", () => {
  it("ends a range with the current clock hour and covers whole hours", () => {
    expect(rangeWindow("24h", new Date("2025-06-10T12:30:00Z"))).toEqual({
      from: new Date("2025-06-09T13:00:00Z"),
      to: new Date("2025-06-10T13:00:00Z"),
      hours: 24,
    });
    expect(rangeWindow("7d", new Date("2025-06-10T12:00:00Z"))).toEqual({
      from: new Date("2025-06-03T13:00:00Z"),
      to: new Date("2025-06-10T13:00:00Z"),
      hours: 168,
    });
  });

  it("reads the totals as one sentence", () => {
    expect(totalsSentence({ turns: 312, failovers: 14, failed: 2 })).toBe("312 turns, 14 failovers, 2 failed");
    expect(totalsSentence({ turns: 1, failovers: 1, failed: 0 })).toBe("1 turn, 1 failover, 0 failed");
    expect(totalsSentence({ turns: 1200, failovers: 0, failed: 0 })).toBe("1,200 turns, 0 failovers, 0 failed");
  });
});
