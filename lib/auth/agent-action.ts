import type { z } from "zod";

import type { TAgentUserScope } from "../agents/agent-scope";
import { db } from "../db/client";
import { notFound } from "../errors";
import type { TActionResult } from "./action-result";
import { runOrgAction } from "./org-action";
import type { TPermission } from "./permissions";

// runOrgAction for one agent: the agent is resolved by slug inside the
// organization from the URL, so another tenant's agent is simply not found.
export async function runAgentAction<S extends z.ZodType, T>({
  userId,
  orgSlug,
  agentSlug,
  permission,
  schema,
  input,
  run,
}: {
  userId: string | null;
  orgSlug: string;
  agentSlug: string;
  permission: TPermission;
  schema: S;
  input: unknown;
  run: (scope: TAgentUserScope, data: z.infer<S>) => Promise<T>;
}): Promise<TActionResult<T>> {
  return runOrgAction({
    userId,
    orgSlug,
    permission,
    schema,
    input,
    run: async (ctx, data) => {
      const agent = await db.agent.findFirst({ where: { orgId: ctx.orgId, slug: agentSlug }, select: { id: true } });
      if (!agent) throw notFound("Agent not found");
      return run({ orgId: ctx.orgId, agentId: agent.id, userId: ctx.userId }, data);
    },
  });
}
