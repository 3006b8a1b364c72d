import { recordEvent } from "../activity/record-event";
import type { TAgentUserScope } from "../agents/agent-scope";
import { db } from "../db/client";
import type { TCircuitStore } from "../failover";
import { findHealthTarget, type THealthTarget } from "./health-target";

// Closes the link's circuit and clears its cooldown, for when a person knows
// the provider is fine again (e.g. after replacing its key).
export async function resetHealth({ orgId, agentId, userId, target, store }: TAgentUserScope & { target: THealthTarget; store: TCircuitStore }) {
  const { link, credential, circuitKey } = await findHealthTarget({ orgId, agentId, target });
  await store.reset(circuitKey);
  await recordEvent(db, { orgId, agentId, type: "health_reset", actorId: userId, credentialIds: [credential.id], data: { provider: link.label, circuitKey } });
}
