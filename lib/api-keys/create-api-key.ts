import { db } from "../db/client";
import { notFound } from "../errors";
import { keyHint } from "../crypto/vault";
import { generateApiKey, hashApiKey } from "./key-material";
import type { TCreateApiKey } from "./schemas";

type TAgentScope = { orgId: string; agentId: string; userId?: string | null };

// The full key is returned here, once: only its SHA-256 hash and a hint are
// stored, so it can never be shown again.
export async function createApiKey({ orgId, agentId, userId = null }: TAgentScope, input: TCreateApiKey) {
  if (!(await db.agent.count({ where: { id: agentId, orgId } }))) throw notFound("Agent not found");
  const key = generateApiKey();
  const row = await db.agentApiKey.create({
    data: { orgId, agentId, name: input.name, keyHash: hashApiKey(key), keyHint: keyHint(key), createdById: userId },
    select: { id: true, name: true, keyHint: true, createdAt: true },
  });
  return { ...row, key };
}
export type TCreatedApiKey = Awaited<ReturnType<typeof createApiKey>>;
