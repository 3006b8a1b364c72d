import { db } from "../db/client";
import { notFound } from "../errors";
import { enqueueControl } from "../queue/producers";
import type { TAgentUserScope } from "./agent-scope";
import type { TControlAction } from "./schemas";

const PENDING = { start: "starting", restart: "starting", stop: "stopping" } as const;

// Start, Restart and Stop run in a worker. The agent shows Starting/Stopping
// until the worker has applied it; if the queue is down nothing changes.
export async function requestControl({ orgId, agentId, userId, action }: TAgentUserScope & { action: TControlAction }) {
  const agent = await db.agent.findFirst({ where: { id: agentId, orgId }, select: { status: true, statusMessage: true } });
  if (!agent) throw notFound("Agent not found");
  await db.agent.update({ where: { id: agentId, orgId }, data: { status: PENDING[action] } });
  try {
    await enqueueControl({ orgId, agentId, action, requestedById: userId });
  } catch (error) {
    await db.agent.updateMany({ where: { id: agentId, orgId, status: PENDING[action] }, data: { status: agent.status } });
    throw error;
  }
}
