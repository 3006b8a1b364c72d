import type { Metadata } from "next";

import { AgentList } from "@/components/agents/agent-list";
import { AutoRefresh } from "@/components/agents/auto-refresh";
import { NewAgent } from "@/components/agents/new-agent";
import { isPending } from "@/components/agents/status-badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/feedback";
import { listAgents } from "@/lib/agents/get-agent";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";
import { listCredentials } from "@/lib/credentials/list-credentials";

import { createAgentAction } from "./actions";

export const metadata: Metadata = { title: "Agents · Understudy" };

export default async function AgentsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireMembership((await params).org);
  const manage = can(ctx.role, "agent:manage");
  const [agents, credentials] = await Promise.all([listAgents({ orgId: ctx.orgId }), manage ? listCredentials({ orgId: ctx.orgId }) : []]);
  const providers = credentials.map(({ id, vendor, name, defaultModel }) => ({ id, vendor, name, defaultModel }));
  const newAgent = manage && providers.length > 0 ? <NewAgent action={createAgentAction.bind(null, { orgSlug: ctx.orgSlug })} providers={providers} /> : null;

  return (
    <>
      <PageHeader
        title="Agents"
        description="Each agent answers with its primary provider and fails over to its backups."
        actions={agents.length ? newAgent : null}
      />
      <AutoRefresh active={agents.some((a) => isPending(a.displayStatus))} />
      {agents.length ? (
        <AgentList orgSlug={ctx.orgSlug} agents={agents} />
      ) : manage && providers.length === 0 ? (
        <EmptyState
          title="No agents yet"
          action={
            <ButtonLink href={`/${ctx.orgSlug}/providers`} variant="primary">
              Go to Providers
            </ButtonLink>
          }
        >
          An agent answers with a saved provider, and this organization has none yet. Save an API key on the Providers page first.
        </EmptyState>
      ) : (
        <EmptyState title="No agents yet" action={newAgent}>
          An agent answers your customers with a primary provider and a backup for when it fails.
          {manage ? null : " Ask an admin to create one."}
        </EmptyState>
      )}
    </>
  );
}
