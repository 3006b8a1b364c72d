// The demo organization and its login. Idempotent: every step finds what an
// earlier run made before creating anything.
import { applyControl } from "../lib/agents/apply-control";
import { createAgent } from "../lib/agents/create-agent";
import { ZSetBackup } from "../lib/agents/schemas";
import { setBackup } from "../lib/agents/set-backup";
import { setTools } from "../lib/agents/set-tools";
import { replaceCredentialKey } from "../lib/credentials/manage-credentials";
import { openKey } from "../lib/credentials/store-key";
import { db } from "../lib/db/client";
import { infraEnv } from "../lib/env";
import { simulatorBaseUrl } from "../lib/providers/catalog";
import type { TVendor } from "../lib/providers/types";
import DEMO from "./demo.json" with { type: "json" };
import { createSavedProvider, upsertOrganization, upsertUser } from "./factories";

export async function seedDemo() {
  const user = await upsertUser({ email: DEMO.email, name: DEMO.name, password: DEMO.password });
  const org = await upsertOrganization({ slug: DEMO.orgSlug, name: DEMO.orgName, ownerId: user.id });
  const simulatorUrl = infraEnv().SIMULATOR_URL;
  for (const p of DEMO.providers) {
    const existing = await db.credential.findFirst({ where: { orgId: org.id, name: p.name, agentId: null }, select: { id: true, keyCipher: true } });
    if (existing) {
      await keepDemoKey({ orgId: org.id, credentialId: existing.id, keyCipher: existing.keyCipher, apiKey: p.apiKey });
      continue;
    }
    const vendor = p.vendor as TVendor;
    await createSavedProvider({ orgId: org.id, userId: user.id, ...p, vendor, baseUrl: simulatorBaseUrl(vendor, simulatorUrl) });
  }
  await seedAgent({ orgId: org.id, userId: user.id });
  return { user, org };
}

// Each demo provider has a simulator key of its own, so an outage staged on
// one through /_control leaves the other answering. Demos seeded when both
// shared `sim-ok`, or under another master key, get the key of demo.json.
async function keepDemoKey({ orgId, credentialId, keyCipher, apiKey }: { orgId: string; credentialId: string; keyCipher: string; apiKey: string }) {
  const current = await openKey({ orgId, credentialId, keyCipher }).catch(() => null);
  if (current !== apiKey) await replaceCredentialKey({ orgId, credentialId, apiKey });
}

// The demo agent answers with OpenAI (simulated) and fails over to Anthropic
// (simulated). It is started here directly, as a worker would start it.
async function seedAgent({ orgId, userId }: { orgId: string; userId: string }) {
  const spec = DEMO.agent;
  if (await db.agent.count({ where: { orgId, name: spec.name } })) return;
  const credential = (name: string) => db.credential.findFirstOrThrow({ where: { orgId, name, agentId: null }, select: { id: true } });
  const agent = await createAgent({
    orgId,
    userId,
    input: { name: spec.name, instructions: spec.instructions, credentialId: (await credential(spec.primary)).id, model: spec.primaryModel },
  });
  const chain = { orgId, agentId: agent.id, userId };
  await setTools(chain, { tools: ["current_time", "calculator"] });
  await setBackup(
    chain,
    ZSetBackup.parse({
      mode: "saved",
      vendor: "anthropic",
      credentialId: (await credential(spec.backup)).id,
      model: spec.backupModel,
      firstTokenTimeoutSeconds: 30,
      stallTimeoutSeconds: 30,
    }),
  );
  await applyControl({ orgId, agentId: agent.id, action: "start", requestedById: userId });
}
