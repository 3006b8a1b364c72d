import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui/feedback";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Providers · Understudy" };

export default async function ProvidersPage({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader title="Providers" description="LLM provider credentials saved once for the whole organization." />
      <EmptyState title="No saved providers yet">Save an API key once here, then use it as any agent&apos;s primary or backup.</EmptyState>
    </>
  );
}
