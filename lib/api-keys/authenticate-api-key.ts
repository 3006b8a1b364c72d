import { db } from "../db/client";
import { hashApiKey, isApiKeyFormat } from "./key-material";

export type TApiCaller = { orgId: string; agentId: string; agentSlug: string; keyId: string };

// "Last used" is for people, so minute precision is plenty and spares a
// write on every request.
const LAST_USED_PRECISION_MS = 60_000;

// Resolves the tenant from a raw key; null for anything that is not a live
// key, so callers cannot tell unknown from revoked.
export async function authenticateApiKey(rawKey: string): Promise<TApiCaller | null> {
  if (!isApiKeyFormat(rawKey)) return null;
  const key = await db.agentApiKey.findUnique({
    where: { keyHash: hashApiKey(rawKey) },
    select: { id: true, orgId: true, agentId: true, revokedAt: true, lastUsedAt: true, agent: { select: { slug: true } } },
  });
  if (!key || key.revokedAt) return null;
  const now = new Date();
  const stale = new Date(now.getTime() - LAST_USED_PRECISION_MS);
  if (!key.lastUsedAt || key.lastUsedAt < stale) {
    // The condition in the where keeps concurrent requests from all writing.
    await db.agentApiKey.updateMany({
      where: { id: key.id, orgId: key.orgId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] },
      data: { lastUsedAt: now },
    });
  }
  return { orgId: key.orgId, agentId: key.agentId, agentSlug: key.agent.slug, keyId: key.id };
}
