import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { ZApiKeyId, ZCreateApiKey } from "@/lib/api-keys/schemas";
import { runAgentAction } from "@/lib/auth/agent-action";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

import { unique } from "../../../prisma/factories";
import { createAgentWithProviders } from "../../fixtures/agents";

const NOT_FOUND = { code: "NOT_FOUND" };
const named = (name = unique("Key")) => ZCreateApiKey.parse({ name });

describe("agent API keys", () => {
  it("creates a us_ key shown once and stores only its SHA-256 hash and a hint", async () => {
    const { chain } = await createAgentWithProviders();
    const created = await createApiKey(chain, named("Zapier"));
    expect(created.key).toMatch(/^us_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(created.key.slice(3), "base64url")).toHaveLength(32);
    expect(created).toMatchObject({ name: "Zapier", keyHint: `…${created.key.slice(-4)}` });
    const row = await db.agentApiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toBe(createHash("sha256").update(created.key).digest("hex"));
    expect(row).toMatchObject({ orgId: chain.orgId, agentId: chain.agentId, createdById: chain.userId, lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(created.key);
    const again = await createApiKey(chain, named());
    expect(again.key).not.toBe(created.key);
  });

  it("lists the agent's keys newest first with hint, name, dates and revocation, never the hash or the key", async () => {
    const { chain } = await createAgentWithProviders();
    const other = await createAgentWithProviders();
    const first = await createApiKey(chain, named("First"));
    const second = await createApiKey(chain, named("Second"));
    await createApiKey(other.chain, named("Elsewhere"));
    await revokeApiKey(chain, { keyId: first.id });
    const listed = await listApiKeys(chain);
    expect(listed.map((k) => k.name)).toEqual(["Second", "First"]);
    expect(Object.keys(listed[0]!).sort()).toEqual(["createdAt", "id", "keyHint", "lastUsedAt", "name", "revokedAt"]);
    expect(listed[0]).toMatchObject({ id: second.id, keyHint: second.keyHint, revokedAt: null, lastUsedAt: null });
    expect(listed[1]!.revokedAt).toBeInstanceOf(Date);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(first.key);
    expect(text).not.toContain(createHash("sha256").update(first.key).digest("hex"));
  });

  it("authenticates a live key to its organization, agent and key, recording last use at most once a minute", async () => {
    const { chain, agent } = await createAgentWithProviders();
    const created = await createApiKey(chain, named());
    expect(await authenticateApiKey(created.key)).toEqual({
      orgId: chain.orgId,
      agentId: chain.agentId,
      agentSlug: agent.slug,
      keyId: created.id,
      turnBudgetMs: 600_000,
      callerParams: true,
      callerSystem: "drop",
    });
    const firstUse = (await db.agentApiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt;
    expect(firstUse).toBeInstanceOf(Date);
    await authenticateApiKey(created.key);
    expect((await db.agentApiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toEqual(firstUse);
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.agentApiKey.update({ where: { id: created.id }, data: { lastUsedAt: twoMinutesAgo } });
    await authenticateApiKey(created.key);
    const refreshed = (await db.agentApiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt!;
    expect(refreshed.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
  });

  it("does not authenticate a revoked, unknown or malformed key", async () => {
    const { chain } = await createAgentWithProviders();
    const created = await createApiKey(chain, named());
    await revokeApiKey(chain, { keyId: created.id });
    expect(await authenticateApiKey(created.key)).toBeNull();
    const unknown = `us_${"A".repeat(43)}`;
    expect(await authenticateApiKey(unknown)).toBeNull();
    expect(await authenticateApiKey(created.key.slice(0, -1))).toBeNull();
    expect(await authenticateApiKey("")).toBeNull();
  });

  it("revoking a key twice succeeds and keeps the first revocation time", async () => {
    const { chain } = await createAgentWithProviders();
    const created = await createApiKey(chain, named());
    await revokeApiKey(chain, { keyId: created.id });
    const first = (await db.agentApiKey.findUniqueOrThrow({ where: { id: created.id } })).revokedAt;
    await revokeApiKey(chain, { keyId: created.id });
    expect((await db.agentApiKey.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toEqual(first);
  });

  it("organization B cannot create, list or revoke organization A's keys: they are not found", async () => {
    const a = await createAgentWithProviders();
    const b = await createAgentWithProviders();
    const key = await createApiKey(a.chain, named());
    const asB = { orgId: b.org.id, agentId: a.agent.id, userId: b.user.id };
    await expect(createApiKey(asB, named())).rejects.toMatchObject(NOT_FOUND);
    expect(await listApiKeys(asB)).toEqual([]);
    await expect(revokeApiKey(asB, { keyId: key.id })).rejects.toMatchObject(NOT_FOUND);
    await expect(revokeApiKey(b.chain, { keyId: key.id })).rejects.toMatchObject(NOT_FOUND);
    expect((await db.agentApiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
    expect(await authenticateApiKey(key.key)).toMatchObject({ orgId: a.org.id, agentId: a.agent.id });
  });

  it("a key of one agent cannot be revoked through another agent of the same organization", async () => {
    const a = await createAgentWithProviders();
    const key = await createApiKey(a.chain, named());
    const sibling = await db.agent.create({ data: { orgId: a.org.id, slug: unique("sibling"), name: "Sibling", instructions: "x" } });
    await expect(revokeApiKey({ orgId: a.org.id, agentId: sibling.id }, { keyId: key.id })).rejects.toMatchObject(NOT_FOUND);
    expect(await listApiKeys({ orgId: a.org.id, agentId: sibling.id })).toEqual([]);
  });

  it("refuses a key past API_KEYS_PER_AGENT live keys with a message the API tab's form shows, and a revoked key frees its place", async () => {
    const { chain, org, agent, user } = await createAgentWithProviders();
    const most = env().API_KEYS_PER_AGENT;
    const created = [];
    for (let i = 0; i < most; i++) created.push(await createApiKey(chain, named()));
    // The form's path: the server action's wrapper turns the refusal into its error.
    const refused = await runAgentAction({
      userId: user.id,
      orgSlug: org.slug,
      agentSlug: agent.slug,
      permission: "apikey:manage",
      schema: ZCreateApiKey,
      input: { name: "One too many" },
      run: (scope, input) => createApiKey(scope, input),
    });
    expect(refused).toEqual({
      ok: false,
      error: `This agent already has ${most} API keys, the most it may have. Revoke one it no longer needs, then create the new key.`,
      fields: undefined,
    });
    expect(await db.agentApiKey.count({ where: { agentId: agent.id } })).toBe(most);
    await revokeApiKey(chain, { keyId: created[0]!.id });
    await expect(createApiKey(chain, named())).resolves.toMatchObject({ key: expect.stringMatching(/^us_/) });
    await expect(createApiKey(chain, named())).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("creates no more than API_KEYS_PER_AGENT keys when many are asked for at once", async () => {
    const { chain, agent } = await createAgentWithProviders();
    const most = env().API_KEYS_PER_AGENT;
    const results = await Promise.allSettled(Array.from({ length: most + 5 }, () => createApiKey(chain, named())));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(most);
    expect(await db.agentApiKey.count({ where: { agentId: agent.id } })).toBe(most);
  });

  it("accepts a trimmed name of 1 to 80 characters and rejects anything else", () => {
    expect(ZCreateApiKey.parse({ name: "  CI  " })).toEqual({ name: "CI" });
    expect(ZCreateApiKey.parse({ name: "x".repeat(80) }).name).toHaveLength(80);
    expect(ZCreateApiKey.safeParse({ name: "   " }).error?.issues[0]?.message).toBe("Enter a name");
    expect(ZCreateApiKey.safeParse({ name: "x".repeat(81) }).error?.issues[0]?.message).toBe("Keep the name under 80 characters");
    expect(ZApiKeyId.safeParse({ keyId: "" }).success).toBe(false);
  });
});
