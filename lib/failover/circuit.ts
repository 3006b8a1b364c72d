// Circuit breaker maths, pure. Every store (in memory, Redis) runs these same
// functions, so the rules live in exactly one place.
import { z } from "zod";

import { OUTCOME_CLASSES, type TOutcomeClass } from "../providers/types";
import { countsForHealth } from "./policy";

export type TCircuitParams = {
  // Consecutive health-counted failures that open a closed circuit.
  failureThreshold: number;
  baseCooldownMs: number;
  maxCooldownMs: number;
  // How long the single probe owns a half-open circuit. A worker that dies
  // mid-probe must not leave the circuit half-open forever, so after the lease
  // another caller may take the probe. Keep it above the longest link timeout.
  probeLeaseMs: number;
};

export const DEFAULT_CIRCUIT_PARAMS: TCircuitParams = {
  failureThreshold: 3,
  baseCooldownMs: 30_000,
  maxCooldownMs: 300_000,
  probeLeaseMs: 60_000,
};

const ZOutcome = z.enum(OUTCOME_CLASSES);

// Circuit state crosses a process boundary (Redis), so it has a schema.
export const ZCircuitState = z.object({
  state: z.enum(["closed", "open", "half_open"]),
  consecutiveFailures: z.number().int().nonnegative(),
  openedAt: z.number().optional(),
  openUntil: z.number().optional(),
  probeUntil: z.number().optional(),
  cooldownMs: z.number().nonnegative(),
  needsAttention: z.boolean(),
  lastError: z.object({ outcome: ZOutcome, status: z.number().optional(), at: z.number() }).optional(),
});
export type TCircuitState = z.infer<typeof ZCircuitState>;

export type TCircuitFailure = { outcome: TOutcomeClass; status?: number };

export type TCircuitEvent = {
  type: "degraded" | "recovered" | "needs_attention";
  at: number;
  cause?: TCircuitFailure;
};

type TTransition = { state: TCircuitState; events: TCircuitEvent[] };

// A broken credential or an empty quota will not heal by waiting: open at
// once and ask a human.
const NEEDS_HUMAN: ReadonlySet<TOutcomeClass> = new Set(["auth", "quota_exhausted"]);

export function initialCircuit(params: TCircuitParams): TCircuitState {
  return {
    state: "closed",
    consecutiveFailures: 0,
    cooldownMs: params.baseCooldownMs,
    needsAttention: false,
  };
}

export function canPass(state: TCircuitState, now: number): boolean {
  if (state.state === "closed") return true;
  if (state.state === "open") return now >= (state.openUntil ?? 0);
  return now >= (state.probeUntil ?? 0);
}

// The caller that gets `granted` owns the half-open probe until the lease ends.
export function takeProbe(input: { state: TCircuitState; now: number; params: TCircuitParams }): { state: TCircuitState; granted: boolean } {
  const { state, now, params } = input;
  if (state.state === "closed") return { state, granted: true };
  if (!canPass(state, now)) return { state, granted: false };
  return {
    state: { ...state, state: "half_open", probeUntil: now + params.probeLeaseMs },
    granted: true,
  };
}

export function onSuccess(input: { state: TCircuitState; now: number; params: TCircuitParams }): TTransition {
  const { state, now, params } = input;
  if (state.state === "closed") {
    if (state.consecutiveFailures === 0) return { state, events: [] };
    return { state: { ...state, consecutiveFailures: 0 }, events: [] };
  }
  return {
    state: {
      state: "closed",
      consecutiveFailures: 0,
      cooldownMs: params.baseCooldownMs,
      needsAttention: false,
      lastError: state.lastError,
    },
    events: [{ type: "recovered", at: now }],
  };
}

export function onFailure(input: { state: TCircuitState; failure: TCircuitFailure; now: number; params: TCircuitParams }): TTransition {
  const { state, failure, now, params } = input;
  if (!countsForHealth(failure.outcome)) return { state, events: [] };
  const cause: TCircuitFailure = { outcome: failure.outcome, status: failure.status };
  const needsHuman = NEEDS_HUMAN.has(failure.outcome);
  const events: TCircuitEvent[] = [];
  let next: TCircuitState = {
    ...state,
    consecutiveFailures: state.consecutiveFailures + 1,
    lastError: { ...cause, at: now },
  };
  if (state.state === "closed" && (needsHuman || next.consecutiveFailures >= params.failureThreshold)) {
    next = { ...next, state: "open", openedAt: now, openUntil: now + next.cooldownMs };
    events.push({ type: "degraded", at: now, cause });
  }
  if (state.state === "half_open") {
    // The probe failed: wait twice as long before the next one.
    const cooldownMs = Math.min(state.cooldownMs * 2, params.maxCooldownMs);
    next = { ...next, state: "open", cooldownMs, openUntil: now + cooldownMs, probeUntil: undefined };
  }
  // A failure while already open (a last-hope call) leaves the probe schedule
  // alone, so a busy agent cannot push the next probe away for ever.
  if (needsHuman && !state.needsAttention) {
    next.needsAttention = true;
    events.push({ type: "needs_attention", at: now, cause });
  }
  return { state: next, events };
}
