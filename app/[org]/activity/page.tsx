import type { Metadata } from "next";

import { ActivityFeed } from "@/components/activity/activity-feed";
import { RetentionForm } from "@/components/activity/retention-form";
import { Card, PageHeader } from "@/components/ui/feedback";
import { parseFeedQuery } from "@/lib/activity/feed-filter";
import { loadFeed } from "@/lib/activity/load-feed";
import { getRetention, RETENTION_DAYS } from "@/lib/activity/retention";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";

import { setRetentionAction } from "./actions";

export const metadata: Metadata = { title: "Activity · Understudy" };

type TSearch = Promise<Record<string, string | string[] | undefined>>;

export default async function ActivityPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: TSearch }) {
  const [{ org }, search] = await Promise.all([params, searchParams]);
  const ctx = await requireMembership(org);
  const [feed, retentionDays] = await Promise.all([
    loadFeed({ orgId: ctx.orgId, orgSlug: ctx.orgSlug, query: parseFeedQuery(search) }),
    getRetention({ orgId: ctx.orgId }),
  ]);
  return (
    <>
      <PageHeader title="Activity" description="Every failover, restart and configuration change across your agents." />
      <Card className="mb-4 p-4">
        <h2 className="text-sm font-semibold text-zinc-900">Retention</h2>
        <p className="mt-1 mb-3 text-sm text-zinc-600">Activity is kept for {retentionDays} days; older events are deleted in a nightly clean-up.</p>
        {can(ctx.role, "activity:manage") ? (
          <RetentionForm
            action={setRetentionAction.bind(null, { orgSlug: ctx.orgSlug })}
            days={retentionDays}
            min={RETENTION_DAYS.min}
            max={RETENTION_DAYS.max}
          />
        ) : null}
      </Card>
      <ActivityFeed orgSlug={ctx.orgSlug} basePath={`/${ctx.orgSlug}/activity`} feed={feed} agentFilter />
    </>
  );
}
