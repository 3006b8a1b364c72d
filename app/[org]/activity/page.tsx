import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/feedback";
import { EventList, TypeFilter } from "@/components/activity/event-list";
import { requireMembership } from "@/lib/auth/session";
import { decodeCursor, listEvents } from "@/lib/activity/list-events";

export const metadata: Metadata = { title: "Activity · Understudy" };

export default async function ActivityPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ type?: string; cursor?: string }> }) {
  const [{ org }, query] = await Promise.all([params, searchParams]);
  const ctx = await requireMembership(org);
  const { events, nextCursor } = await listEvents({ orgId: ctx.orgId, types: query.type ? [query.type] : undefined, cursor: decodeCursor(query.cursor) });
  const older = nextCursor ? `?${new URLSearchParams({ ...(query.type ? { type: query.type } : {}), cursor: nextCursor })}` : null;
  return (
    <>
      <PageHeader title="Activity" description="Every failover, restart and configuration change across your agents." />
      <TypeFilter current={query.type} />
      <EventList orgSlug={ctx.orgSlug} events={events} showAgent olderHref={older} />
    </>
  );
}
