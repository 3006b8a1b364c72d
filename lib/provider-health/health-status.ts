// A circuit's state in the words the Overview shows. Pure.
//
// An open circuit whose cooldown has passed is "Probe due", never "Open
// until" a time in the past: a stale cooldown must not look like something a
// person has to wait out.
import type { TCircuitState } from "../failover";
import { describeOutcome } from "../providers/describe-outcome";
import type { TOutcomeClass } from "../providers/types";

export type THealthStatus =
  | { kind: "healthy" }
  | { kind: "degraded"; failures: number; probing: boolean }
  | { kind: "open"; until: number }
  | { kind: "probe_due" }
  | { kind: "needs_attention" };

export function healthStatus(state: TCircuitState, now: number): THealthStatus {
  if (state.needsAttention) return { kind: "needs_attention" };
  if (state.state === "half_open") return { kind: "degraded", failures: state.consecutiveFailures, probing: true };
  if (state.state === "open") return now < (state.openUntil ?? 0) ? { kind: "open", until: state.openUntil! } : { kind: "probe_due" };
  if (state.consecutiveFailures > 0) return { kind: "degraded", failures: state.consecutiveFailures, probing: false };
  return { kind: "healthy" };
}

// `time` formats a timestamp in the reader's time zone.
export function healthWords(status: THealthStatus, time: (at: number) => string): string {
  switch (status.kind) {
    case "healthy":
      return "Healthy";
    case "degraded":
      return "Degraded";
    case "open":
      return `Open until ${time(status.until)}`;
    case "probe_due":
      return "Probe due";
    case "needs_attention":
      return "Needs attention";
  }
}

export function healthDetail(status: THealthStatus): string {
  switch (status.kind) {
    case "healthy":
      return "Turns go to it as usual.";
    case "degraded":
      return status.probing
        ? "A probe call is checking whether it has recovered."
        : `${status.failures} ${status.failures === 1 ? "failure" : "failures"} in a row; more and turns will skip it for a while.`;
    case "open":
      return "Turns skip it until then; a probe call follows.";
    case "probe_due":
      return "Its cooldown has passed; the next turn or background probe tries it again.";
    case "needs_attention":
      return "Its key was rejected or its quota ran out: replace the key or top up the quota, then reset its health.";
  }
}

/** A probe's result, e.g. "OK, 212 ms", "Rate limited (429)", "Timed out after 10 s". */
export function probeMessage(result: { outcome: TOutcomeClass; status?: number; latencyMs: number }, timeoutMs: number): string {
  if (result.outcome === "ok") return `OK, ${result.latencyMs} ms`;
  return describeOutcome(result.outcome, result.status, result.outcome === "timeout" ? timeoutMs : undefined);
}
