import { z } from "zod";

import { BUILTIN_TOOL_NAMES, ZBuiltinToolName } from "../failover";
import type { TAgentUserScope } from "./agent-scope";
import { changeAgentSetting } from "./change-setting";

export const ZSetTools = z.object({ tools: z.array(ZBuiltinToolName).max(BUILTIN_TOOL_NAMES.length) });

// Tools take effect on the next turn: they change what the agent may do, not
// which providers answer, so no restart is needed.
export async function setTools(scope: TAgentUserScope, { tools }: z.infer<typeof ZSetTools>) {
  const unique = [...new Set(tools)].sort();
  await changeAgentSetting(scope, { data: { tools: unique }, change: unique.length ? `Tools enabled: ${unique.join(", ")}` : "Tools disabled" });
}
