// The organization `npm run seed:activity` fills: its people, saved providers
// (simulated, keys sealed by the vault) and running agents with chains of two
// or three links, made through the same functions the pages use.
import { randomBytes } from "node:crypto";

import type pg from "pg";

import { applyControl } from "../../lib/agents/apply-control";
import { createAgent } from "../../lib/agents/create-agent";
import { LINK_SELECT, linkSentence, summarizeLink } from "../../lib/agents/describe-link";
import { ZSetBackup } from "../../lib/agents/schemas";
import { setBackup } from "../../lib/agents/set-backup";
import { db } from "../../lib/db/client";
import { simulatorBaseUrl } from "../../lib/providers/catalog";
import { describeOutcome } from "../../lib/providers/describe-outcome";
import type { TVendor } from "../../lib/providers/types";
import { addMembership, createSavedProvider, upsertOrganization, upsertUser } from "../factories";

export const SEED_PASSWORD = "understudy-scale";

const PROVIDERS: Array<{ name: string; vendor: TVendor; model: string; baseMs: number }> = [
  { name: "OpenAI (simulated)", vendor: "openai", model: "gpt-4o-mini", baseMs: 700 },
  { name: "Anthropic (simulated)", vendor: "anthropic", model: "claude-3-5-haiku-latest", baseMs: 900 },
  { name: "Gemini (simulated)", vendor: "google", model: "gemini-2.0-flash", baseMs: 600 },
  { name: "OpenRouter (simulated)", vendor: "openrouter", model: "openai/gpt-4o-mini", baseMs: 1100 },
];

const AGENT_NAMES = [
  "Support agent",
  "Billing assistant",
  "Onboarding guide",
  "Returns desk",
  "Sales concierge",
  "IT helpdesk",
  "Booking assistant",
  "Order tracker",
  "HR assistant",
  "Docs helper",
];

export type TSeedOrg = Awaited<ReturnType<typeof setUpOrganization>>;

// In the order the app's writers take them, so locking them all cannot deadlock with a turn being written.
const BULK_TABLES = ["conversations", "turns", "messages", "attempts", "activity_events"];

// Rows of a previous run go first, in plain statements: a cascade over a
// million rows would fire a trigger per row. When nothing else lives in those
// tables (a database of its own, like the scale analysis uses) they are
// truncated: a second instead of minutes, and no dead rows left behind. The
// tables stay locked from the check to the end, so no other tenant's row can
// arrive in between.
export async function deleteOrganization(client: pg.Client, slug: string) {
  const { rows } = await client.query<{ id: string }>("SELECT id FROM organizations WHERE slug = $1", [slug]);
  const orgId = rows[0]?.id;
  if (!orgId) return null;
  await client.query("BEGIN");
  try {
    await client.query(`LOCK TABLE ${BULK_TABLES.join(", ")} IN ACCESS EXCLUSIVE MODE`);
    const { rows: counted } = await client.query<{ events: number; turns: number; alone: boolean }>(
      `SELECT (SELECT count(*) FROM activity_events WHERE org_id = $1)::int AS events, (SELECT count(*) FROM turns WHERE org_id = $1)::int AS turns,
              NOT EXISTS (SELECT 1 FROM conversations WHERE org_id <> $1) AND NOT EXISTS (SELECT 1 FROM activity_events WHERE org_id <> $1) AS alone`,
      [orgId],
    );
    // Turns, messages and attempts all hang off conversations: none elsewhere means none of theirs either.
    if (counted[0]!.alone) await client.query(`TRUNCATE ${BULK_TABLES.join(", ")}`);
    else for (const table of [...BULK_TABLES].reverse()) await client.query(`DELETE FROM ${table} WHERE org_id = $1`, [orgId]);
    await client.query("DELETE FROM chain_links WHERE org_id = $1", [orgId]);
    await client.query("DELETE FROM organizations WHERE id = $1", [orgId]);
    await client.query("COMMIT");
    return counted[0]!;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

export async function setUpOrganization({ slug, agents, simulatorUrl }: { slug: string; agents: number; simulatorUrl: string }) {
  const owner = await upsertUser({ email: `${slug}@understudy.dev`, name: "Ada Lovelace", password: SEED_PASSWORD });
  const admin = await upsertUser({ email: `${slug}-admin@understudy.dev`, name: "Grace Hopper", password: SEED_PASSWORD });
  const org = await upsertOrganization({ slug, name: `Scale (${slug})`, ownerId: owner.id });
  await addMembership({ orgId: org.id, userId: admin.id, role: "admin" });
  const saved = [];
  for (const p of PROVIDERS) {
    saved.push(
      await createSavedProvider({
        orgId: org.id,
        userId: owner.id,
        name: p.name,
        vendor: p.vendor,
        apiKey: "sim-ok",
        defaultModel: p.model,
        baseUrl: simulatorBaseUrl(p.vendor, simulatorUrl),
      }),
    );
  }
  for (let n = 0; n < agents; n += 1) {
    await createChainAgent({ orgId: org.id, userId: n % 2 ? admin.id : owner.id, n, saved, simulatorUrl });
  }
  return { org, owner, actorIds: [owner.id, admin.id], agents: await describeAgents(org.id) };
}

// Agent n answers with provider n, backs up to provider n+1 and, every third
// agent, to a key pasted for it alone (which writes a real key_added).
async function createChainAgent({
  orgId,
  userId,
  n,
  saved,
  simulatorUrl,
}: {
  orgId: string;
  userId: string;
  n: number;
  saved: Array<{ id: string; vendor: TVendor }>;
  simulatorUrl: string;
}) {
  const spec = (k: number) => PROVIDERS[(n + k) % PROVIDERS.length]!;
  const name = n < AGENT_NAMES.length ? AGENT_NAMES[n]! : `${AGENT_NAMES[n % AGENT_NAMES.length]} ${Math.floor(n / AGENT_NAMES.length) + 1}`;
  const primary = saved[n % saved.length]!;
  const agent = await createAgent({
    orgId,
    userId,
    input: { name, instructions: `You are the ${name.toLowerCase()} of Acme. Answer briefly.`, credentialId: primary.id, model: spec(0).model },
  });
  const chain = { orgId, agentId: agent.id, userId };
  const backup = saved[(n + 1) % saved.length]!;
  await setBackup(
    chain,
    ZSetBackup.parse({
      mode: "saved",
      vendor: backup.vendor,
      credentialId: backup.id,
      model: spec(1).model,
      firstTokenTimeoutSeconds: 20,
      stallTimeoutSeconds: 20,
    }),
  );
  if (n % 3 === 2) {
    const vendor = spec(2).vendor;
    const apiKey = `sim-ok~${randomBytes(6).toString("hex")}`;
    await setBackup(
      chain,
      ZSetBackup.parse({
        mode: "api_key",
        vendor,
        apiKey,
        model: spec(2).model,
        baseUrl: simulatorBaseUrl(vendor, simulatorUrl),
        firstTokenTimeoutSeconds: 15,
        stallTimeoutSeconds: 15,
      }),
    );
  }
  await applyControl({ orgId, agentId: agent.id, action: "start", requestedById: userId });
}

// What the SQL generator needs of each agent, in the words the real writers use.
async function describeAgents(orgId: string) {
  const agents = await db.agent.findMany({
    where: { orgId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, links: { orderBy: { position: "asc" }, select: LINK_SELECT } },
  });
  return agents.map((agent, agentNo) => {
    const links = agent.links.map((link) => {
      const summary = summarizeLink(link);
      const baseMs = PROVIDERS.find((p) => p.vendor === summary.vendor)?.baseMs ?? 800;
      return {
        agent_no: agentNo,
        position: link.position,
        credential_id: link.credentialId,
        label: summary.label,
        model: summary.model,
        vendor: summary.vendor,
        pasted: summary.pasted,
        hint: link.credential.keyHint,
        // A seeded timeout is a provider that sent nothing before its first token timeout.
        first_token_timeout_ms: summary.firstTokenTimeoutMs,
        timeout_message: describeOutcome("timeout", undefined, summary.firstTokenTimeoutMs),
        base_ms: baseMs,
      };
    });
    const summaries = agent.links.map(summarizeLink);
    const running = summaries.map((l) => `${l.label} (${l.model})`);
    const backup = summaries[1];
    const pasted = links.find((l) => l.pasted);
    return {
      agent_no: agentNo,
      agent_id: agent.id,
      n_links: links.length,
      links,
      pasted_credential: pasted?.credential_id ?? null,
      pasted_vendor: pasted?.vendor ?? null,
      pasted_hint: pasted?.hint ?? null,
      next_list: running,
      previous_list: running.slice(0, -1),
      chain: summaries.map((l) => ({ label: l.label, vendor: l.vendor, model: l.model })),
      sentence: summaries.map(linkSentence).join(" → "),
      change: backup ? `Backup 1 set to ${backup.label} (${backup.model})` : `Primary set to ${summaries[0]?.label}`,
    };
  });
}
