import type { TCircuitStore } from "../failover";
import { describeOutcome } from "../providers/describe-outcome";
import { PROBE_TIMEOUT_MS, probeCredential, type TProbeResult } from "../turns/probe-credential";
import { findHealthTarget, type THealthTarget } from "./health-target";

// One real call to the link now, whatever its circuit says (a person asked,
// so no probe lease is taken), with the outcome recorded like any probe's.
export async function probeNow({ orgId, agentId, userId, target, store }: { orgId: string; agentId: string; userId: string; target: THealthTarget; store: TCircuitStore }) {
  const { link, credential } = await findHealthTarget({ orgId, agentId, target });
  const result = await probeCredential({ store, credential, model: link.model, source: { label: link.label, agentId, actorId: userId, by: "manual" } });
  return { ok: result.outcome === "ok", message: probeMessage(result) };
}

/** e.g. "OK, 212 ms", "Rate limited (429)", "Timed out after 10 s". */
export function probeMessage(result: Pick<TProbeResult, "outcome" | "status" | "latencyMs">): string {
  if (result.outcome === "ok") return `OK, ${result.latencyMs} ms`;
  return describeOutcome(result.outcome, result.status, result.outcome === "timeout" ? PROBE_TIMEOUT_MS : undefined);
}
