import { recordEvent } from "../activity/record-event";
import { db, type Prisma } from "../db/client";
import { notFound } from "../errors";
import type { TAgentUserScope } from "./agent-scope";

// A setting that needs no restart (tools, the daily drill): written with the
// feed's "Configuration changed" event naming who changed it, in one transaction.
export async function changeAgentSetting(
  { orgId, agentId, userId }: TAgentUserScope,
  { data, change }: { data: Prisma.AgentUpdateManyMutationInput; change: string },
) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.agent.updateMany({ where: { id: agentId, orgId }, data });
    if (count === 0) throw notFound("Agent not found");
    await recordEvent(tx, { orgId, agentId, type: "chain_changed", actorId: userId, data: { change } });
  });
}
