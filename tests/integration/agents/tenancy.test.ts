import { describe, expect, it } from "vitest";

import { createAgent } from "@/lib/agents/create-agent";
import { deleteAgent } from "@/lib/agents/delete-agent";
import { getAgent, listAgents } from "@/lib/agents/get-agent";
import { removeBackup } from "@/lib/agents/remove-backup";
import { requestControl } from "@/lib/agents/request-control";
import { setBackup } from "@/lib/agents/set-backup";
import { setPrimary } from "@/lib/agents/set-primary";
import { db } from "@/lib/db/client";

import { anthropicBackup, createAgentWithProviders } from "../../fixtures/agents";

const NOT_FOUND = { code: "NOT_FOUND" };

describe("agents across organizations", () => {
  it("organization B cannot read, change, restart or delete organization A's agent", async () => {
    const a = await createAgentWithProviders();
    const b = await createAgentWithProviders();
    const asB = { orgId: b.org.id, userId: b.user.id, agentId: a.agent.id };
    expect(await getAgent({ orgId: b.org.id, slug: a.agent.slug })).toBeNull();
    expect((await listAgents({ orgId: b.org.id })).map((x) => x.id)).not.toContain(a.agent.id);
    await expect(setBackup(asB, anthropicBackup(b.providers.anthropic.id))).rejects.toMatchObject(NOT_FOUND);
    await expect(
      setPrimary(asB, { credentialId: b.providers.openai.id, model: "m", firstTokenTimeoutSeconds: 30, stallTimeoutSeconds: 30 }),
    ).rejects.toMatchObject(NOT_FOUND);
    await expect(removeBackup(asB, { position: 1 })).rejects.toMatchObject(NOT_FOUND);
    await expect(requestControl({ ...asB, action: "restart" })).rejects.toMatchObject(NOT_FOUND);
    await expect(deleteAgent({ orgId: b.org.id, agentId: a.agent.id })).rejects.toMatchObject(NOT_FOUND);
    expect(await db.agent.findUniqueOrThrow({ where: { id: a.agent.id } })).toMatchObject({ configVersion: 1, status: "stopped" });
  });

  it("organization B cannot point its agent at A's saved provider", async () => {
    const a = await createAgentWithProviders();
    const b = await createAgentWithProviders();
    await expect(setBackup(b.chain, anthropicBackup(a.providers.anthropic.id))).rejects.toMatchObject(NOT_FOUND);
    await expect(
      setPrimary(b.chain, { credentialId: a.providers.openai.id, model: "m", firstTokenTimeoutSeconds: 30, stallTimeoutSeconds: 30 }),
    ).rejects.toMatchObject(NOT_FOUND);
    await expect(
      createAgent({ orgId: b.org.id, userId: b.user.id, input: { name: "Thief", instructions: "x", credentialId: a.providers.openai.id, model: "m" } }),
    ).rejects.toMatchObject(NOT_FOUND);
    expect(await db.chainLink.count({ where: { agentId: b.agent.id } })).toBe(1);
  });
});
