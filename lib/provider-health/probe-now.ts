import type { TAgentUserScope } from "../agents/agent-scope";
import type { TCircuitStore } from "../failover";
import { PROBE_TIMEOUT_MS, probeCredential } from "../turns/probe-credential";
import { probeMessage } from "./health-status";
import { findHealthTarget, type THealthTarget } from "./health-target";

// One real call to the link now, whatever its circuit says (a person asked,
// so no probe lease is taken), with the outcome recorded like any probe's.
export async function probeNow({ orgId, agentId, userId, target, store }: TAgentUserScope & { target: THealthTarget; store: TCircuitStore }) {
  const { link, credential } = await findHealthTarget({ orgId, agentId, target });
  const result = await probeCredential({ store, credential, model: link.model, source: { label: link.label, agentId, actorId: userId, by: "manual" } });
  return { ok: result.outcome === "ok", message: probeMessage(result, PROBE_TIMEOUT_MS) };
}
