// "Run failover drill" and the daily drill switch as the server actions
// define them: the role, the schema and the one lib call. The web's action
// factory runs them, and the integration tests run the same specs through
// runAgentAction, so a member's refusal is tested on the page's own path.
import { ZNoInput } from "../auth/action-result";
import type { TPermission } from "../auth/permissions";
import { requestDrill } from "./request-drill";
import { setDailyDrill, ZSetDailyDrill } from "./set-daily-drill";

// A drill spends the organization's tokens: admins and owners only.
export const DRILL_PERMISSION: TPermission = "agent:manage";

export const drillActionSpecs = {
  run: { permission: DRILL_PERMISSION, schema: ZNoInput, run: (scope: Parameters<typeof requestDrill>[0]) => requestDrill(scope) },
  daily: { permission: DRILL_PERMISSION, schema: ZSetDailyDrill, run: setDailyDrill },
};
