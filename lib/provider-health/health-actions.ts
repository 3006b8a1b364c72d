// "Reset health" and "Probe now" as the server actions define them: the role,
// the schema and the one lib call. The web's action factory runs them, and
// the integration test runs the same specs through runAgentAction, so the
// refusal of a viewer is tested on the very path the page uses.
import type { TAgentUserScope } from "../agents/agent-scope";
import type { TPermission } from "../auth/permissions";
import type { TCircuitStore } from "../failover";
import { type THealthTarget, ZHealthTarget } from "./health-target";
import { probeNow } from "./probe-now";
import { resetHealth } from "./reset-health";

export const HEALTH_PERMISSION: TPermission = "agent:manage";

// The store is opened only once the caller is allowed in.
export function healthActionSpecs(store: () => Promise<TCircuitStore>) {
  const spec = <T>(call: (scope: TAgentUserScope & { target: THealthTarget; store: TCircuitStore }) => Promise<T>) => ({
    permission: HEALTH_PERMISSION,
    schema: ZHealthTarget,
    run: async (scope: TAgentUserScope, target: THealthTarget) => call({ ...scope, target, store: await store() }),
  });
  return { reset: spec(resetHealth), probe: spec(probeNow) };
}
