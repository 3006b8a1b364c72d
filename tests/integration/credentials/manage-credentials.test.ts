import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { describeEvent } from "@/lib/activity/describe-event";
import { listCredentials } from "@/lib/credentials/list-credentials";
import { createCredential, deleteCredential, replaceCredentialKey, updateCredential } from "@/lib/credentials/manage-credentials";
import { ZCreateCredential, ZUpdateCredential } from "@/lib/credentials/schemas";
import { openKey } from "@/lib/credentials/store-key";
import { testCredential } from "@/lib/credentials/test-credential";
import { db } from "@/lib/db/client";
import { simulatorBaseUrl } from "@/lib/providers/catalog";
import { startSimulator } from "@/lib/simulator/server";

import { createSavedProvider, createTenant, unique } from "../../../prisma/factories";

let simulator: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());

const raw = (overrides: Record<string, unknown> = {}) => ({
  vendor: "openai",
  name: unique("OpenAI"),
  apiKey: `sk-${unique("k")}`,
  defaultModel: "gpt-4o-mini",
  baseUrl: "",
  ...overrides,
});
const input = (overrides: Record<string, unknown> = {}) => ZCreateCredential.parse(raw(overrides));

describe("saved providers", () => {
  it("seals the key, keeps only a hint, and lists it with who added it", async () => {
    const { org, user } = await createTenant();
    const apiKey = `sk-${unique("secret")}`;
    const created = await createCredential({ orgId: org.id, userId: user.id, input: input({ apiKey }) });
    expect(created.keyHint).toBe(`…${apiKey.slice(-4)}`);
    const row = await db.credential.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyCipher).not.toContain(apiKey);
    expect(await openKey({ orgId: org.id, credentialId: row.id, keyCipher: row.keyCipher })).toBe(apiKey);
    const [listed] = await listCredentials({ orgId: org.id });
    expect(listed).toMatchObject({ id: created.id, createdByName: user.name, usedByAgents: 0, keyHint: created.keyHint });
    expect(JSON.stringify(listed)).not.toContain(apiKey);
  });

  it("explains bad input at the field", () => {
    const errors = (overrides: Record<string, unknown>) => ZCreateCredential.safeParse(raw(overrides)).error?.issues.map((i) => [i.path[0], i.message]);
    expect(errors({ name: "  " })).toEqual([["name", "Enter a name"]]);
    expect(errors({ apiKey: "sk-with space" })).toEqual([["apiKey", expect.stringMatching(/spaces or line breaks/)]]);
    expect(errors({ apiKey: "x".repeat(513) })).toEqual([["apiKey", "An API key is at most 512 characters"]]);
    expect(errors({ baseUrl: "not a url" })).toEqual([["baseUrl", expect.stringMatching(/full URL/)]]);
    expect(errors({ vendor: "openai_compatible", baseUrl: "" })).toEqual([["baseUrl", expect.stringMatching(/needs its base URL/)]]);
  });

  it("refuses a duplicate name in the same organization and saves nothing", async () => {
    const { org, user } = await createTenant();
    const first = input();
    await createCredential({ orgId: org.id, userId: user.id, input: first });
    await expect(createCredential({ orgId: org.id, userId: user.id, input: { ...input(), name: first.name } })).rejects.toMatchObject({
      fields: { name: "Another saved provider already has this name." },
    });
    expect(await db.credential.count({ where: { orgId: org.id } })).toBe(1);
  });

  it("edits the name, model and base URL, and replaces the key without showing the old one", async () => {
    const { org, user } = await createTenant();
    const { id } = await createCredential({ orgId: org.id, userId: user.id, input: input() });
    await updateCredential({
      orgId: org.id,
      userId: user.id,
      input: { credentialId: id, name: "Renamed", defaultModel: "gpt-4.1", baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-for-the-new-host" },
    });
    expect(await db.credential.findUniqueOrThrow({ where: { id } })).toMatchObject({
      name: "Renamed",
      defaultModel: "gpt-4.1",
      baseUrl: "http://127.0.0.1:9/v1",
      keyHint: "…host",
    });
    const { keyHint } = await replaceCredentialKey({ orgId: org.id, credentialId: id, apiKey: "sk-replaced-9876" });
    expect(keyHint).toBe("…9876");
    const row = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(await openKey({ orgId: org.id, credentialId: id, keyCipher: row.keyCipher })).toBe("sk-replaced-9876");
  });

  it("refuses a new base URL without the key again, and changes nothing", async () => {
    const { org, user } = await createTenant();
    const apiKey = `sk-${unique("kept")}`;
    const { id } = await createCredential({ orgId: org.id, userId: user.id, input: input({ apiKey }) });
    const before = await db.credential.findUniqueOrThrow({ where: { id } });
    for (const baseUrl of ["https://collector.example.net/v1", "http://127.0.0.1:9/v1"]) {
      await expect(
        updateCredential({ orgId: org.id, userId: user.id, input: { credentialId: id, name: "Renamed", defaultModel: "gpt-4.1", baseUrl } }),
      ).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fields: { apiKey: "The saved key is only sent to the base URL it was saved with. Enter the key again to use the new one." },
      });
    }
    expect(await db.credential.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await db.activityEvent.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("keeps the saved key and records nothing when the base URL stays as it was", async () => {
    const { org, user } = await createTenant();
    const apiKey = `sk-${unique("kept")}`;
    const { id } = await createCredential({ orgId: org.id, userId: user.id, input: input({ apiKey, baseUrl: "http://127.0.0.1:9/v1" }) });
    await updateCredential({
      orgId: org.id,
      userId: user.id,
      input: ZUpdateCredential.parse({ credentialId: id, name: "Renamed", defaultModel: "gpt-4.1", baseUrl: "http://127.0.0.1:9/v1/", apiKey: "" }),
    });
    const row = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: "Renamed", defaultModel: "gpt-4.1", baseUrl: "http://127.0.0.1:9/v1" });
    expect(await openKey({ orgId: org.id, credentialId: id, keyCipher: row.keyCipher })).toBe(apiKey);
    expect(await db.activityEvent.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("with the key entered again, moves the provider to the new base URL and records who did it, from where to where", async () => {
    const { org, user } = await createTenant();
    const { id } = await createCredential({ orgId: org.id, userId: user.id, input: input({ name: "OpenAI main" }) });
    const newKey = `sk-${unique("again")}`;
    await updateCredential({
      orgId: org.id,
      userId: user.id,
      input: { credentialId: id, name: "OpenAI main", defaultModel: "gpt-4o-mini", baseUrl: "http://127.0.0.1:9/v1", apiKey: newKey },
    });
    const row = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(row.baseUrl).toBe("http://127.0.0.1:9/v1");
    expect(await openKey({ orgId: org.id, credentialId: id, keyCipher: row.keyCipher })).toBe(newKey);

    const events = await db.activityEvent.findMany({ where: { orgId: org.id } });
    expect(events).toMatchObject([{ type: "provider_url_changed", agentId: null, actorId: user.id, credentialIds: [id], severity: "info" }]);
    expect(JSON.stringify(events)).not.toContain(newKey);
    const sentence = describeEvent({ type: events[0]!.type, data: events[0]!.data, actorName: user.name, agentName: null });
    expect(sentence).toBe(
      `OpenAI main now calls http://127.0.0.1:9/v1 instead of the vendor's own endpoint, changed by ${user.name}; ` +
        `its key was entered again (…${newKey.slice(-4)}).`,
    );
  });

  it("refuses to delete a provider an agent uses, naming the agent", async () => {
    const { org, user } = await createTenant();
    const { id } = await createCredential({ orgId: org.id, userId: user.id, input: input() });
    const agent = await db.agent.create({ data: { orgId: org.id, slug: unique("bot"), name: "Support bot", instructions: "Help." } });
    await db.chainLink.create({ data: { orgId: org.id, agentId: agent.id, position: 0, credentialId: id, model: "gpt-4o-mini", firstTokenTimeoutMs: 30_000 } });
    await expect(deleteCredential({ orgId: org.id, credentialId: id })).rejects.toThrow(
      "In use by Support bot. Change their provider chain before deleting it.",
    );
    await db.agent.delete({ where: { id: agent.id } });
    await deleteCredential({ orgId: org.id, credentialId: id });
    expect(await db.credential.count({ where: { id } })).toBe(0);
  });

  it("tests the connection with a real call: OK with the latency, or the classified error in plain words", async () => {
    const { org } = await createTenant();
    const baseUrl = simulatorBaseUrl("openai", simulator.url);
    const ok = await createSavedProvider({
      orgId: org.id,
      name: "ok",
      vendor: "openai",
      apiKey: `sim-ok~${unique("t")}`,
      defaultModel: "gpt-4o-mini",
      baseUrl,
    });
    const bad = await createSavedProvider({
      orgId: org.id,
      name: "bad",
      vendor: "openai",
      apiKey: `sim-401~${unique("t")}`,
      defaultModel: "gpt-4o-mini",
      baseUrl,
    });
    const limited = await createSavedProvider({
      orgId: org.id,
      name: "429",
      vendor: "anthropic",
      apiKey: "sim-429",
      defaultModel: "claude-3-5-haiku-latest",
      baseUrl: simulatorBaseUrl("anthropic", simulator.url),
    });
    expect(await testCredential({ orgId: org.id, credentialId: ok.id })).toMatchObject({ ok: true, message: expect.stringMatching(/^OK, \d+ ms$/) });
    expect(await testCredential({ orgId: org.id, credentialId: bad.id })).toEqual({ ok: false, message: "Key rejected (401)" });
    expect(await testCredential({ orgId: org.id, credentialId: limited.id })).toEqual({ ok: false, message: "Rate limited (429)" });
  });
});

describe("saved providers across organizations", () => {
  it("are invisible to organization B: list, test, edit, replace and delete all answer not found", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const { id } = await createCredential({ orgId: a.org.id, userId: a.user.id, input: input() });
    expect(await listCredentials({ orgId: b.org.id })).toEqual([]);
    const notFound = { code: "NOT_FOUND" };
    await expect(testCredential({ orgId: b.org.id, credentialId: id })).rejects.toMatchObject(notFound);
    await expect(
      updateCredential({ orgId: b.org.id, userId: b.user.id, input: { credentialId: id, name: "x", defaultModel: "y", baseUrl: null } }),
    ).rejects.toMatchObject(notFound);
    // A new base URL without the key is "not found" too, never "enter the key": B learns nothing.
    const elsewhere = { credentialId: id, name: "x", defaultModel: "y", baseUrl: "http://127.0.0.1:9/v1" };
    await expect(updateCredential({ orgId: b.org.id, userId: b.user.id, input: elsewhere })).rejects.toMatchObject(notFound);
    await expect(updateCredential({ orgId: b.org.id, userId: b.user.id, input: { ...elsewhere, apiKey: "sk-evil" } })).rejects.toMatchObject(notFound);
    expect(await db.activityEvent.count({ where: { credentialIds: { has: id } } })).toBe(0);
    await expect(replaceCredentialKey({ orgId: b.org.id, credentialId: id, apiKey: "sk-evil" })).rejects.toMatchObject(notFound);
    await expect(deleteCredential({ orgId: b.org.id, credentialId: id })).rejects.toMatchObject(notFound);
    const row = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(row.orgId).toBe(a.org.id);
    expect(row.name).not.toBe("x");
  });
});
