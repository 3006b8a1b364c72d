import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui/feedback";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Activity · Understudy" };

export default async function ActivityPage({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader title="Activity" description="Every failover, restart and configuration change across your agents." />
      <EmptyState title="No activity yet">Failovers, restarts and provider changes will appear here as they happen.</EmptyState>
    </>
  );
}
