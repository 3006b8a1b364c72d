import { z } from "zod";

import { recordEvent } from "../activity/record-event";
import type { TAgentUserScope } from "../agents/agent-scope";
import { db } from "../db/client";
import { notFound } from "../errors";

export const ZSetDailyDrill = z.object({ enabled: z.boolean() });

// The daily drill makes real calls each day, so who switched it, and when,
// is in the feed like any other setting.
export async function setDailyDrill({ orgId, agentId, userId }: TAgentUserScope, { enabled }: z.infer<typeof ZSetDailyDrill>) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.agent.updateMany({ where: { id: agentId, orgId }, data: { dailyDrill: enabled } });
    if (count === 0) throw notFound("Agent not found");
    await recordEvent(tx, {
      orgId,
      agentId,
      type: "chain_changed",
      actorId: userId,
      data: { change: enabled ? "Daily failover drill turned on" : "Daily failover drill turned off" },
    });
  });
}
