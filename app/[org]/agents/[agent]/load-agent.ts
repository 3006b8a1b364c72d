import { notFound } from "next/navigation";
import { cache } from "react";

import { getAgent } from "@/lib/agents/get-agent";
import { requireMembership } from "@/lib/auth/session";

// The layout, its metadata and the tab all need the agent: one lookup per
// request. An agent of another organization, or none, is a 404.
export const loadAgent = cache(async (orgSlug: string, agentSlug: string) => {
  const ctx = await requireMembership(orgSlug);
  const agent = await getAgent({ orgId: ctx.orgId, slug: agentSlug });
  if (!agent) notFound();
  return { ctx, agent };
});

export type TAgentParams = { params: Promise<{ org: string; agent: string }> };
