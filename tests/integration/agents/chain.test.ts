import { describe, expect, it } from "vitest";

import { deleteAgent } from "@/lib/agents/delete-agent";
import { getAgent } from "@/lib/agents/get-agent";
import { moveBackup, removeBackup } from "@/lib/agents/remove-backup";
import { ZSetBackup } from "@/lib/agents/schemas";
import { setBackup } from "@/lib/agents/set-backup";
import { setPrimary } from "@/lib/agents/set-primary";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { db } from "@/lib/db/client";

import { unique } from "../../../prisma/factories";
import { createAgentWithProviders } from "../../fixtures/agents";

const saved = (credentialId: string, vendor = "anthropic") =>
  ZSetBackup.parse({ mode: "saved", vendor, credentialId, model: "claude-3-5-haiku-latest", firstTokenTimeoutSeconds: "30", stallTimeoutSeconds: "30" });
const pasted = (apiKey: string, vendor = "google") =>
  ZSetBackup.parse({ mode: "api_key", vendor, apiKey, model: "gemini-2.0-flash", baseUrl: "", firstTokenTimeoutSeconds: "20", stallTimeoutSeconds: "15" });

async function eventsText(agentId: string) {
  return JSON.stringify(await db.activityEvent.findMany({ where: { agentId } }));
}

describe("agent provider chain", () => {
  it("sets a backup from a saved provider and bumps the config version", async () => {
    const { chain, providers, org, agent } = await createAgentWithProviders();
    await setBackup(chain, saved(providers.anthropic.id));
    const detail = (await getAgent({ orgId: org.id, slug: agent.slug }))!;
    expect(detail.chain.map((l) => [l.position, l.label, l.model])).toEqual([
      [0, "OpenAI (simulated)", "gpt-4o-mini"],
      [1, "Anthropic (simulated)", "claude-3-5-haiku-latest"],
    ]);
    expect(detail.configVersion).toBe(2);
  });

  it("seals a pasted key for this agent only, shows only its hint, and destroys it on Remove", async () => {
    const { chain, org, agent } = await createAgentWithProviders();
    const apiKey = `sim-ok~${unique("pasted")}`;
    await setBackup(chain, pasted(apiKey));
    const detail = (await getAgent({ orgId: org.id, slug: agent.slug }))!;
    expect(detail.chain[1]).toMatchObject({
      label: `API key …${apiKey.slice(-4)}`,
      pasted: true,
      vendor: "google",
      firstTokenTimeoutMs: 20_000,
      stallTimeoutMs: 15_000,
    });
    expect((await listCredentials({ orgId: org.id })).map((c) => c.name)).toEqual(["OpenAI (simulated)", "Anthropic (simulated)"]);
    const stored = await db.credential.findFirstOrThrow({ where: { agentId: agent.id } });
    expect(stored.keyCipher).not.toContain(apiKey);

    await removeBackup(chain, { position: 1 });
    expect(await db.credential.count({ where: { id: stored.id } })).toBe(0);
    expect(await db.chainLink.count({ where: { agentId: agent.id } })).toBe(1);
    const events = await eventsText(agent.id);
    expect(events).toContain("key_removed");
    expect(events).not.toContain(apiKey);
  });

  it("replacing a pasted backup destroys the old key", async () => {
    const { chain, providers, agent } = await createAgentWithProviders();
    await setBackup(chain, pasted(`sk-${unique("old")}`));
    const old = await db.credential.findFirstOrThrow({ where: { agentId: agent.id } });
    await setBackup(chain, { ...saved(providers.anthropic.id), position: 1 });
    expect(await db.credential.count({ where: { id: old.id } })).toBe(0);
  });

  it("keeps an ordered chain of up to three backups that can be reordered", async () => {
    const { chain, providers, org, agent } = await createAgentWithProviders();
    await setBackup(chain, saved(providers.anthropic.id));
    await setBackup(chain, pasted(`sk-${unique("g")}`));
    await setBackup(chain, pasted(`sk-${unique("r")}`, "openrouter"));
    await expect(setBackup(chain, pasted(`sk-${unique("x")}`, "openai_compatible"))).rejects.toThrow(/at most 3 backups/);
    await moveBackup(chain, { position: 3, direction: "up" });
    const vendors = (await getAgent({ orgId: org.id, slug: agent.slug }))!.chain.map((l) => l.vendor);
    expect(vendors).toEqual(["openai", "anthropic", "openrouter", "google"]);
    await removeBackup(chain, { position: 1 });
    const after = (await getAgent({ orgId: org.id, slug: agent.slug }))!.chain.map((l) => [l.position, l.vendor]);
    expect(after).toEqual([
      [0, "openai"],
      [1, "openrouter"],
      [2, "google"],
    ]);
  });

  it("refuses a primary whose vendor one of the backups already has", async () => {
    const { chain, providers } = await createAgentWithProviders();
    await setBackup(chain, saved(providers.anthropic.id));
    await expect(
      setPrimary(chain, { credentialId: providers.anthropic.id, model: "claude", firstTokenTimeoutSeconds: 30, stallTimeoutSeconds: 30 }),
    ).rejects.toThrow(/different provider than its backups/);
  });

  it("deletes pasted keys with the agent", async () => {
    const { chain, org, agent } = await createAgentWithProviders();
    await setBackup(chain, pasted(`sk-${unique("gone")}`));
    await deleteAgent({ orgId: org.id, agentId: agent.id });
    expect(await db.credential.count({ where: { agentId: agent.id } })).toBe(0);
    expect(await db.credential.count({ where: { orgId: org.id } })).toBe(2);
  });

  it("validates both timeouts on the server", () => {
    const backup = { mode: "saved", vendor: "anthropic", credentialId: "x", model: "m", firstTokenTimeoutSeconds: "30", stallTimeoutSeconds: "30" };
    const fieldError = (input: object) => ZSetBackup.safeParse(input).error?.issues.map((i) => [i.path[0], i.message]);
    expect(fieldError({ ...backup, firstTokenTimeoutSeconds: "601" })).toEqual([
      ["firstTokenTimeoutSeconds", "The first token timeout must be between 1 and 600 seconds"],
    ]);
    expect(fieldError({ ...backup, stallTimeoutSeconds: "0" })).toEqual([["stallTimeoutSeconds", "The stall timeout must be between 1 and 600 seconds"]]);
    expect(fieldError({ ...backup, model: " " })).toEqual([["model", "Enter a model"]]);
  });

  it("a new primary starts with 30 s deadlines, and Change primary stores both deadlines", async () => {
    const { chain, providers, org, agent } = await createAgentWithProviders();
    expect((await getAgent({ orgId: org.id, slug: agent.slug }))!.chain[0]).toMatchObject({ firstTokenTimeoutMs: 30_000, stallTimeoutMs: 30_000 });
    await setPrimary(chain, { credentialId: providers.openai.id, model: "gpt-4o", firstTokenTimeoutSeconds: 45, stallTimeoutSeconds: 5 });
    expect((await getAgent({ orgId: org.id, slug: agent.slug }))!.chain[0]).toMatchObject({
      model: "gpt-4o",
      firstTokenTimeoutMs: 45_000,
      stallTimeoutMs: 5_000,
    });
  });
});
