// The first page of a feed for the org and agent Activity pages, with the
// options their filter form offers. A filter naming an agent or provider that
// is not among the options falls back to "all", so an old link still opens.
import { credentialLabel } from "../agents/describe-link";
import { db } from "../db/client";
import { toEventDto } from "./event-dto";
import type { TFeedQuery } from "./feed-filter";
import { toEventFilter } from "./feed-scope";
import { listEvents } from "./list-events";

export type TOption = { value: string; label: string };

// Saved providers, and on an agent's page the keys pasted for that agent.
async function providerOptions({ orgId, agentId }: { orgId: string; agentId?: string }): Promise<TOption[]> {
  const rows = await db.credential.findMany({
    where: { orgId, OR: [{ agentId: null }, ...(agentId ? [{ agentId }] : [])] },
    orderBy: [{ agentId: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
    select: { id: true, name: true, keyHint: true, agentId: true },
  });
  return rows.map((c) => ({ value: c.id, label: credentialLabel(c) }));
}

async function agentOptions(orgId: string): Promise<Array<TOption & { id: string }>> {
  const rows = await db.agent.findMany({ where: { orgId }, orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } });
  return rows.map((a) => ({ id: a.id, value: a.slug, label: a.name }));
}

export async function loadFeed({ orgId, orgSlug, query, agent }: { orgId: string; orgSlug: string; query: TFeedQuery; agent?: { id: string; slug: string } }) {
  const now = new Date();
  const [agents, providers] = await Promise.all([agent ? [] : agentOptions(orgId), providerOptions({ orgId, agentId: agent?.id })]);
  const picked = agents.find((a) => a.value === query.agent);
  const agentId = agent?.id ?? picked?.id;
  const normalized: TFeedQuery = {
    ...query,
    agent: agent?.slug ?? picked?.value,
    provider: providers.some((p) => p.value === query.provider) ? query.provider : undefined,
  };
  const page = await listEvents({ orgId, filter: toEventFilter(normalized, { agentId, now }) });
  return {
    query: normalized,
    options: { agents: agents.map(({ value, label }) => ({ value, label })), providers },
    events: page.events.map((e) => toEventDto(e, { orgSlug, showAgent: !agentId })),
    nextCursor: page.nextCursor,
    loadedAt: now.toISOString(),
  };
}
export type TFeed = Awaited<ReturnType<typeof loadFeed>>;
