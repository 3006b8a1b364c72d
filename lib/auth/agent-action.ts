import type { z } from "zod";

import type { TAgentUserScope } from "../agents/agent-scope";
import { db } from "../db/client";
import { notFound } from "../errors";
import type { TActionResult } from "./action-result";
import { runOrgAction, type TOrgActionCall } from "./org-action";

// runOrgAction for one agent: the agent is resolved by slug inside the
// organization from the URL, so another tenant's agent is simply not found.
export async function runAgentAction<S extends z.ZodType, T>({
  agentSlug,
  run,
  ...call
}: TOrgActionCall<S, TAgentUserScope, T> & { agentSlug: string }): Promise<TActionResult<T>> {
  return runOrgAction({
    ...call,
    run: async (ctx, data) => {
      const agent = await db.agent.findFirst({ where: { orgId: ctx.orgId, slug: agentSlug }, select: { id: true } });
      if (!agent) throw notFound("Agent not found");
      return run({ orgId: ctx.orgId, agentId: agent.id, userId: ctx.userId }, data);
    },
  });
}
