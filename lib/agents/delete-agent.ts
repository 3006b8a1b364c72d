import { db } from "../db/client";
import { notFound } from "../errors";
import type { TAgentScope } from "./agent-scope";

// Links, keys pasted for this agent and its events go with it (cascade).
export async function deleteAgent({ orgId, agentId }: TAgentScope) {
  const { count } = await db.agent.deleteMany({ where: { id: agentId, orgId } });
  if (count === 0) throw notFound("Agent not found");
}
