import { z } from "zod";

import { recordEvent } from "../activity/record-event";
import { db } from "../db/client";
import { notFound } from "../errors";
import { BUILTIN_TOOL_NAMES, ZBuiltinToolName } from "../failover";
import type { TAgentUserScope } from "./agent-scope";

export const ZSetTools = z.object({ tools: z.array(ZBuiltinToolName).max(BUILTIN_TOOL_NAMES.length) });

// Tools take effect on the next turn: they change what the agent may do, not
// which providers answer, so no restart is needed.
export async function setTools({ orgId, agentId, userId }: TAgentUserScope, { tools }: z.infer<typeof ZSetTools>) {
  const unique = [...new Set(tools)].sort();
  return db.$transaction(async (tx) => {
    const { count } = await tx.agent.updateMany({ where: { id: agentId, orgId }, data: { tools: unique } });
    if (count === 0) throw notFound("Agent not found");
    await recordEvent(tx, {
      orgId,
      agentId,
      type: "chain_changed",
      actorId: userId,
      data: { change: unique.length ? `Tools enabled: ${unique.join(", ")}` : "Tools disabled" },
    });
  });
}
