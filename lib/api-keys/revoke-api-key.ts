import type { TAgentScope } from "../agents/agent-scope";
import { db } from "../db/client";
import { notFound } from "../errors";
import type { TApiKeyId } from "./schemas";

// Revoking twice is not an error (a double click), but the first revocation
// time is kept.
export async function revokeApiKey({ orgId, agentId }: TAgentScope, { keyId }: TApiKeyId) {
  const where = { id: keyId, orgId, agentId };
  const { count } = await db.agentApiKey.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0 && (await db.agentApiKey.count({ where })) === 0) throw notFound("API key not found");
}
