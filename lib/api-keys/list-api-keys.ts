import type { TAgentScope } from "../agents/agent-scope";
import { db } from "../db/client";

// What the API tab may show: never the hash, only the hint.
export async function listApiKeys({ orgId, agentId }: TAgentScope) {
  return db.agentApiKey.findMany({
    where: { orgId, agentId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, keyHint: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}
