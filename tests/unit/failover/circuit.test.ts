import { describe, expect, it } from "vitest";

import { canPass, DEFAULT_CIRCUIT_PARAMS as params, initialCircuit, onFailure, onSuccess, takeProbe, type TCircuitState } from "@/lib/failover/circuit";
import type { TOutcomeClass } from "@/lib/providers/types";

const T0 = 1_000_000;

function fail(state: TCircuitState, outcome: TOutcomeClass, now = T0) {
  return onFailure({ state, failure: { outcome }, now, params });
}

function openCircuit(): TCircuitState {
  return fail(initialCircuit(params), "auth").state;
}

describe("circuit maths", () => {
  it("opens after three consecutive failover-class failures and emits degraded", () => {
    const once = fail(initialCircuit(params), "server_error");
    const twice = fail(once.state, "timeout");
    const thrice = fail(twice.state, "rate_limited", T0 + 5);

    expect([once.state.state, twice.state.state]).toEqual(["closed", "closed"]);
    expect(thrice.state).toMatchObject({ state: "open", consecutiveFailures: 3, openedAt: T0 + 5, openUntil: T0 + 5 + 30_000 });
    expect(thrice.events).toEqual([{ type: "degraded", at: T0 + 5, cause: { outcome: "rate_limited", status: undefined } }]);
  });

  it("a success in between resets the count", () => {
    const twice = fail(fail(initialCircuit(params), "server_error").state, "server_error");
    const healed = onSuccess({ state: twice.state, now: T0, params });
    expect(fail(healed.state, "server_error").state).toMatchObject({ state: "closed", consecutiveFailures: 1 });
    expect(healed.events).toEqual([]);
  });

  it.each<TOutcomeClass>(["bad_request", "content_filter", "context_length"])("%s does not touch health", (outcome) => {
    const state = fail(initialCircuit(params), "server_error").state;
    const after = fail(state, outcome);
    expect(after.state).toBe(state);
    expect(after.events).toEqual([]);
  });

  it.each<TOutcomeClass>(["auth", "quota_exhausted"])("%s opens at once and sets needsAttention", (outcome) => {
    const { state, events } = fail(initialCircuit(params), outcome);
    expect(state).toMatchObject({ state: "open", consecutiveFailures: 1, needsAttention: true });
    expect(events.map((event) => event.type)).toEqual(["degraded", "needs_attention"]);
  });

  it("blocks until the cooldown ends, then lets exactly one probe through", () => {
    const open = openCircuit();
    expect(canPass(open, T0 + 29_999)).toBe(false);
    expect(takeProbe({ state: open, now: T0 + 29_999, params }).granted).toBe(false);

    const first = takeProbe({ state: open, now: T0 + 30_000, params });
    const second = takeProbe({ state: first.state, now: T0 + 30_001, params });

    expect(first).toMatchObject({ granted: true, state: { state: "half_open" } });
    expect(second.granted).toBe(false);
  });

  it("a probe whose worker vanished is handed to another caller after the lease", () => {
    const probing = takeProbe({ state: openCircuit(), now: T0 + 30_000, params }).state;
    expect(takeProbe({ state: probing, now: T0 + 30_000 + params.probeLeaseMs, params }).granted).toBe(true);
  });

  it("doubles the cooldown on each failed probe up to five minutes", () => {
    let state = openCircuit();
    let now = T0;
    const cooldowns: number[] = [];
    for (let probe = 0; probe < 6; probe += 1) {
      now = state.openUntil ?? now;
      state = takeProbe({ state, now, params }).state;
      state = fail(state, "overloaded", now).state;
      cooldowns.push(state.cooldownMs);
      expect(state).toMatchObject({ state: "open", openUntil: now + state.cooldownMs });
    }
    expect(cooldowns).toEqual([60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
  });

  it("a failed probe does not emit degraded again", () => {
    const probing = takeProbe({ state: openCircuit(), now: T0 + 30_000, params }).state;
    expect(fail(probing, "server_error", T0 + 30_001).events).toEqual([]);
  });

  it("a successful probe closes the circuit, resets the cooldown and emits recovered", () => {
    let state = openCircuit();
    state = takeProbe({ state, now: T0 + 30_000, params }).state;
    state = fail(state, "auth", T0 + 30_000).state;
    state = takeProbe({ state, now: T0 + 90_000, params }).state;

    const { state: closed, events } = onSuccess({ state, now: T0 + 90_500, params });

    expect(closed).toMatchObject({ state: "closed", consecutiveFailures: 0, cooldownMs: 30_000, needsAttention: false });
    expect(events).toEqual([{ type: "recovered", at: T0 + 90_500 }]);
  });

  it("thresholds and cooldowns come from the params", () => {
    const custom = { ...params, failureThreshold: 1, baseCooldownMs: 1_000 };
    const { state } = onFailure({ state: initialCircuit(custom), failure: { outcome: "network" }, now: T0, params: custom });
    expect(state).toMatchObject({ state: "open", openUntil: T0 + 1_000 });
  });
});
