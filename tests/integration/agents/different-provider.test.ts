import { describe, expect, it } from "vitest";

import { ZSetBackup } from "@/lib/agents/schemas";
import { setBackup } from "@/lib/agents/set-backup";
import { setPrimary } from "@/lib/agents/set-primary";
import { db } from "@/lib/db/client";
import type { TVendor } from "@/lib/providers/types";

import { createSavedProvider, unique } from "../../../prisma/factories";
import { createAgentWithProviders } from "../../fixtures/agents";

const GUIDE = "Backup must be a different provider than the primary";
const timeouts = { firstTokenTimeoutSeconds: 30, stallTimeoutSeconds: 30 };
const saved = (credentialId: string, vendor: TVendor) => ZSetBackup.parse({ mode: "saved", vendor, credentialId, model: "gpt-4o-mini", ...timeouts });
const pasted = (vendor: TVendor, baseUrl: string) =>
  ZSetBackup.parse({ mode: "api_key", vendor, apiKey: `sk-${unique("key")}`, model: "gpt-4o-mini", baseUrl, ...timeouts });

async function savedProvider(orgId: string, vendor: TVendor, baseUrl: string | null) {
  return createSavedProvider({ orgId, name: unique(`${vendor} provider`), vendor, apiKey: "sim-ok", defaultModel: "gpt-4o-mini", baseUrl });
}

async function chainOf(agentId: string) {
  return db.chainLink.findMany({ where: { agentId }, orderBy: { position: "asc" }, select: { credentialId: true } });
}

describe("a backup must be a different provider than the primary", () => {
  it("refuses the primary's own saved provider with the guide's message, and saves nothing", async () => {
    const { chain, providers } = await createAgentWithProviders();
    await expect(setBackup(chain, saved(providers.openai.id, "openai"))).rejects.toMatchObject({ fields: { vendor: GUIDE } });
    expect(await chainOf(chain.agentId)).toHaveLength(1);
  });

  it("refuses another saved provider or a pasted key at the primary's endpoint, however the URL is written", async () => {
    const { chain, org } = await createAgentWithProviders({ simulatorUrl: "http://127.0.0.1:4010" });
    const sameEndpoint = "HTTP://127.0.0.1:4010/openai/v1/";
    const other = await savedProvider(org.id, "openai", sameEndpoint);
    await expect(setBackup(chain, saved(other.id, "openai"))).rejects.toMatchObject({ fields: { vendor: GUIDE } });
    await expect(setBackup(chain, pasted("openai", sameEndpoint))).rejects.toMatchObject({ fields: { vendor: GUIDE } });
    expect(await chainOf(chain.agentId)).toHaveLength(1);
    expect(await db.credential.count({ where: { agentId: chain.agentId } })).toBe(0);
  });

  it("refuses a second key for a named vendor's default endpoint", async () => {
    const { chain, org } = await createAgentWithProviders();
    const hosted = await savedProvider(org.id, "openai", null);
    await setPrimary(chain, { credentialId: hosted.id, model: "gpt-4o-mini", ...timeouts });
    await expect(setBackup(chain, pasted("openai", ""))).rejects.toMatchObject({ fields: { vendor: GUIDE } });
    await expect(setBackup(chain, pasted("openai", "https://API.openai.com:443/v1/"))).rejects.toMatchObject({ fields: { vendor: GUIDE } });
  });

  it("accepts two OpenAI-compatible saved providers on different hosts as primary and backup", async () => {
    const { chain, org } = await createAgentWithProviders();
    const first = await savedProvider(org.id, "openai_compatible", "http://llm-a.example.test/v1");
    const second = await savedProvider(org.id, "openai_compatible", "http://llm-b.example.test/v1");
    await setPrimary(chain, { credentialId: first.id, model: "local-model", ...timeouts });
    await setBackup(chain, saved(second.id, "openai_compatible"));
    expect(await chainOf(chain.agentId)).toEqual([{ credentialId: first.id }, { credentialId: second.id }]);
    await expect(setBackup(chain, { ...pasted("openai_compatible", "http://LLM-A.example.test/v1"), position: 1 })).rejects.toMatchObject({
      fields: { vendor: GUIDE },
    });
    await expect(setPrimary(chain, { credentialId: second.id, model: "local-model", ...timeouts })).rejects.toThrow(
      "The primary must be a different provider than its backups",
    );
  });
});
