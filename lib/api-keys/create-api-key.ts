import type { TAgentUserScope } from "../agents/agent-scope";
import { keyHint } from "../crypto/key-hint";
import { db } from "../db/client";
import { env } from "../env";
import { AppError, notFound } from "../errors";
import { generateApiKey, hashApiKey } from "./key-material";
import type { TCreateApiKey } from "./schemas";

// The full key is returned here, once: only its SHA-256 hash and a hint are
// stored, so it can never be shown again. An agent has at most
// API_KEYS_PER_AGENT live keys; revoked ones do not count.
export async function createApiKey({ orgId, agentId, userId }: TAgentUserScope, input: TCreateApiKey) {
  const most = env().API_KEYS_PER_AGENT;
  const key = generateApiKey();
  const row = await db.$transaction(async (tx) => {
    // The agent's row stays locked until the key is in, so two creations at
    // once cannot both pass the count. NO KEY UPDATE leaves the turns that
    // reference the agent free to be written meanwhile.
    const agent = await tx.$queryRaw<unknown[]>`SELECT 1 FROM agents WHERE id = ${agentId} AND org_id = ${orgId} FOR NO KEY UPDATE`;
    if (agent.length === 0) throw notFound("Agent not found");
    const live = await tx.agentApiKey.count({ where: { orgId, agentId, revokedAt: null } });
    if (live >= most)
      throw new AppError("CONFLICT", `This agent already has ${live} API keys, the most it may have. Revoke one it no longer needs, then create the new key.`);
    return tx.agentApiKey.create({
      data: { orgId, agentId, name: input.name, keyHash: hashApiKey(key), keyHint: keyHint(key), createdById: userId },
      select: { id: true, name: true, keyHint: true, createdAt: true },
    });
  });
  return { ...row, key };
}
