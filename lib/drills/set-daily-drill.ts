import { z } from "zod";

import type { TAgentUserScope } from "../agents/agent-scope";
import { changeAgentSetting } from "../agents/change-setting";

export const ZSetDailyDrill = z.object({ enabled: z.boolean() });

// The daily drill makes real calls each day, so who switched it, and when,
// is in the feed like any other setting.
export async function setDailyDrill(scope: TAgentUserScope, { enabled }: z.infer<typeof ZSetDailyDrill>) {
  await changeAgentSetting(scope, { data: { dailyDrill: enabled }, change: enabled ? "Daily failover drill turned on" : "Daily failover drill turned off" });
}
