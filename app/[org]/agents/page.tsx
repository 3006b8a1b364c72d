import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui/feedback";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Agents · Understudy" };

export default async function AgentsPage({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader title="Agents" description="Each agent answers with its primary provider and fails over to its backups." />
      <EmptyState title="No agents yet">An agent answers your customers with a primary provider and a backup for when it fails.</EmptyState>
    </>
  );
}
