// How many rows of each kind `npm run seed:activity` writes. Pure, so the
// arithmetic (exact totals, turns that back every turn event) is unit-tested.
import { describeOutcome } from "../../lib/providers/describe-outcome";
import type { TOutcomeClass } from "../../lib/providers/types";

// Share of the generated events by type: mostly failovers, then provider
// health, rarely an error, and a trickle of human actions.
const SHARE = {
  failover: 0.7,
  provider_degraded: 0.11,
  provider_recovered: 0.105,
  all_failed: 0.01,
  needs_attention: 0.005,
  agent_restarted: 0.03,
  chain_changed: 0.03,
  key_added: 0.01,
} as const;

// Of the failovers that did not open a circuit, this share skipped a primary
// whose circuit was already open; about half the recoveries are seen by a
// user's turn, the rest by the background prober.
const SKIPPED_SHARE = 0.3;
const RECOVERED_BY_TURN = 0.5;

// Turn kinds, in the order their index ranges are laid out.
export type TTurnPlan = {
  // Failover turns whose primary failed with a key or quota error: they also
  // write provider_degraded and needs_attention.
  needsAttention: number;
  // Failover turns that opened the primary's circuit (provider_degraded).
  degraded: number;
  // Failover turns that skipped the primary (circuit open).
  skipped: number;
  // Every other failover turn.
  failover: number;
  // Turns every link failed (all_failed).
  failed: number;
  // Answered by the primary and closed its circuit (provider_recovered).
  recovered: number;
  // Answered by the primary, nothing to report.
  ok: number;
};

export type TEventPlan = { proberRecovered: number; restarted: number; chainChanged: number; keyAdded: number };
export type TSeedPlan = { turns: TTurnPlan; events: TEventPlan; turnEvents: number };

export function planSeed({ events, turns, keyAddedPossible }: { events: number; turns: number; keyAddedPossible: boolean }): TSeedPlan {
  // Rounded down, so the turn events never outnumber the events asked for.
  const want = (share: number) => Math.floor(events * share);
  let failovers = want(SHARE.failover);
  let failed = want(SHARE.all_failed);
  let recovered = Math.floor(want(SHARE.provider_recovered) * RECOVERED_BY_TURN);
  // Every turn event points at a real turn: with fewer turns than that, the
  // turn-backed kinds shrink and the other kinds make up the total.
  const backed = failovers + failed + recovered;
  if (backed > turns) {
    const scale = turns / backed;
    failovers = Math.floor(failovers * scale);
    failed = Math.floor(failed * scale);
    recovered = Math.floor(recovered * scale);
  }
  const degradedAll = Math.min(want(SHARE.provider_degraded), failovers);
  const needsAttention = Math.min(want(SHARE.needs_attention), degradedAll);
  const degraded = degradedAll - needsAttention;
  const skipped = Math.round((failovers - degradedAll) * SKIPPED_SHARE);
  const plan: TTurnPlan = {
    needsAttention,
    degraded,
    skipped,
    failover: failovers - degradedAll - skipped,
    failed,
    recovered,
    ok: turns - failovers - failed - recovered,
  };
  // needs_attention turns write three events, degraded ones two, the rest one.
  const turnEvents = failovers + failed + recovered + degradedAll + needsAttention;
  return { turns: plan, events: otherEvents(events - turnEvents, keyAddedPossible), turnEvents };
}

function otherEvents(total: number, keyAddedPossible: boolean): TEventPlan {
  const weights = {
    proberRecovered: SHARE.provider_recovered * (1 - RECOVERED_BY_TURN),
    restarted: SHARE.agent_restarted,
    keyAdded: keyAddedPossible ? SHARE.key_added : 0,
  };
  const sum = weights.proberRecovered + weights.restarted + weights.keyAdded + SHARE.chain_changed;
  const part = (w: number) => Math.floor((total * w) / sum);
  const proberRecovered = part(weights.proberRecovered);
  const restarted = part(weights.restarted);
  const keyAdded = part(weights.keyAdded);
  return { proberRecovered, restarted, keyAdded, chainChanged: total - proberRecovered - restarted - keyAdded };
}

// Where each turn kind starts in the (scrambled) turn index.
export function turnRanges(plan: TTurnPlan) {
  const order = ["needsAttention", "degraded", "skipped", "failover", "failed", "recovered", "ok"] as const;
  let at = 0;
  return order.map((kind) => {
    const range = { kind, from: at, to: at + plan[kind] };
    at = range.to;
    return range;
  });
}

// A multiplier coprime with `n`: i -> (i * step + offset) mod n visits every
// turn index once, so turn kinds are spread over time and agents.
export function scrambleStep(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let step = Math.max(1, Math.floor(n * 0.618_033_988_7));
  while (n > 1 && gcd(step, n) !== 1) step += 1;
  return step;
}

// Failures a provider call ends with, as the error map classifies them, with
// how often each happens and how long it takes. Timeouts take the link's own
// timeout (see the links table). Empty answers are left out: the engine
// retries those on the same link first, which this seed does not model.
type TFailure = { outcome: TOutcomeClass; status: number | null; weight: number; minMs: number; maxMs: number; detail: string };

const FAILURES: TFailure[] = [
  { outcome: "rate_limited", status: 429, weight: 30, minMs: 40, maxMs: 400, detail: "Rate limit reached for requests" },
  { outcome: "overloaded", status: 529, weight: 8, minMs: 200, maxMs: 1500, detail: "Overloaded" },
  { outcome: "overloaded", status: 503, weight: 8, minMs: 100, maxMs: 1200, detail: "The server is overloaded or not ready yet." },
  { outcome: "server_error", status: 500, weight: 14, minMs: 100, maxMs: 2500, detail: "The server had an error while processing your request." },
  { outcome: "timeout", status: null, weight: 15, minMs: 0, maxMs: 0, detail: "" },
  { outcome: "network", status: null, weight: 10, minMs: 3, maxMs: 80, detail: "read ECONNRESET" },
  { outcome: "model_unavailable", status: 404, weight: 2, minMs: 40, maxMs: 300, detail: "The model does not exist or you do not have access to it." },
  { outcome: "stream_cut", status: null, weight: 3, minMs: 400, maxMs: 3000, detail: "the connection closed before the answer was complete" },
];

// Failures no wait will heal: they open the circuit and ask a human.
const HUMAN_FAILURES: TFailure[] = [
  { outcome: "auth", status: 401, weight: 1, minMs: 40, maxMs: 300, detail: "Incorrect API key provided" },
  {
    outcome: "quota_exhausted",
    status: 429,
    weight: 1,
    minMs: 40,
    maxMs: 300,
    detail: "You exceeded your current quota, please check your plan and billing details.",
  },
];

function catalogue(failures: TFailure[], human: boolean) {
  const total = failures.reduce((sum, f) => sum + f.weight, 0);
  let at = 0;
  return failures.map((f) => {
    const summary = describeOutcome(f.outcome, f.status ?? undefined);
    const row = {
      human,
      lo: at / total,
      hi: (at + f.weight) / total,
      outcome: f.outcome,
      status: f.status,
      min_ms: f.minMs,
      max_ms: f.maxMs,
      message: f.detail ? `${summary}: ${f.detail}` : summary,
    };
    at += f.weight;
    return row;
  });
}

export const FAILURE_ROWS = [...catalogue(FAILURES, false), ...catalogue(HUMAN_FAILURES, true)];
