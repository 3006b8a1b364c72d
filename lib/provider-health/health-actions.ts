// "Reset health" and "Probe now" as the server actions run them: the caller's
// membership and role, the input parsed, then one lib call. Kept here so the
// refusal of a viewer is tested on the very path the page uses.
import { runAgentAction } from "../auth/agent-action";
import type { TPermission } from "../auth/permissions";
import type { TCircuitStore } from "../failover";
import { ZHealthTarget } from "./health-target";
import { probeNow } from "./probe-now";
import { resetHealth } from "./reset-health";

export const HEALTH_PERMISSION: TPermission = "agent:manage";

// The store is opened only once the caller is allowed in.
type TCaller = { userId: string | null; orgSlug: string; agentSlug: string; input: unknown; store: () => Promise<TCircuitStore> };

export function resetHealthAs({ store, ...caller }: TCaller) {
  return runAgentAction({
    ...caller,
    permission: HEALTH_PERMISSION,
    schema: ZHealthTarget,
    run: async (scope, target) => resetHealth({ ...scope, target, store: await store() }),
  });
}

export function probeNowAs({ store, ...caller }: TCaller) {
  return runAgentAction({
    ...caller,
    permission: HEALTH_PERMISSION,
    schema: ZHealthTarget,
    run: async (scope, target) => probeNow({ ...scope, target, store: await store() }),
  });
}
