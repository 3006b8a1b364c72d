import { ActivityFeed } from "@/components/activity/activity-feed";
import { parseFeedQuery } from "@/lib/activity/feed-filter";
import { loadFeed } from "@/lib/activity/load-feed";

import { loadAgent, type TAgentParams } from "../load-agent";

export default async function AgentActivityPage({
  params,
  searchParams,
}: TAgentParams & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ org, agent: slug }, search] = await Promise.all([params, searchParams]);
  const { ctx, agent } = await loadAgent(org, slug);
  const feed = await loadFeed({ orgId: ctx.orgId, orgSlug: ctx.orgSlug, query: parseFeedQuery(search), agent: { id: agent.id, slug: agent.slug } });
  return <ActivityFeed orgSlug={ctx.orgSlug} basePath={`/${ctx.orgSlug}/agents/${agent.slug}/activity`} feed={feed} agentFilter={false} />;
}
