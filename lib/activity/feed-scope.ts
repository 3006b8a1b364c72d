// Turns a feed request (who asks, which organization, the URL's filters) into
// the filter listEvents runs, for the JSON feed and the CSV export alike.
import { resolveMembership, type TMembershipContext } from "../auth/membership";
import { db } from "../db/client";
import { notFound } from "../errors";
import { parseFeedQuery, type TFeedQuery, timeBounds } from "./feed-filter";
import type { TEventFilter } from "./list-events";

type TFeedScope = { ctx: TMembershipContext; query: TFeedQuery; filter: TEventFilter; agentSlug: string | null };

export function toEventFilter(query: TFeedQuery, { agentId, now }: { agentId?: string; now: Date }): TEventFilter {
  return { agentId, type: query.type, severity: query.severity, credentialId: query.provider, ...timeBounds(query, now) };
}

// Signed out, not a member, or an agent of another organization: not found.
export async function resolveFeedScope({
  userId,
  orgSlug,
  searchParams,
  now,
}: {
  userId: string | null;
  orgSlug: string;
  searchParams: URLSearchParams;
  now: Date;
}): Promise<TFeedScope> {
  if (!userId) throw notFound("Organization not found");
  const ctx = await resolveMembership({ userId, orgSlug });
  const query = parseFeedQuery(searchParams);
  const agent = query.agent ? await db.agent.findFirst({ where: { orgId: ctx.orgId, slug: query.agent }, select: { id: true, slug: true } }) : null;
  if (query.agent && !agent) throw notFound("Agent not found");
  return { ctx, query, filter: toEventFilter(query, { agentId: agent?.id, now }), agentSlug: agent?.slug ?? null };
}
