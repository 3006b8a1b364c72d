import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/feedback";
import { ActivityFeed } from "@/components/activity/activity-feed";
import { requireMembership } from "@/lib/auth/session";
import { parseFeedQuery } from "@/lib/activity/feed-filter";
import { loadFeed } from "@/lib/activity/load-feed";

export const metadata: Metadata = { title: "Activity · Understudy" };

type TSearch = Promise<Record<string, string | string[] | undefined>>;

export default async function ActivityPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: TSearch }) {
  const [{ org }, search] = await Promise.all([params, searchParams]);
  const ctx = await requireMembership(org);
  const feed = await loadFeed({ orgId: ctx.orgId, orgSlug: ctx.orgSlug, query: parseFeedQuery(search) });
  return (
    <>
      <PageHeader title="Activity" description="Every failover, restart and configuration change across your agents." />
      <ActivityFeed orgSlug={ctx.orgSlug} basePath={`/${ctx.orgSlug}/activity`} feed={feed} agentFilter />
    </>
  );
}
