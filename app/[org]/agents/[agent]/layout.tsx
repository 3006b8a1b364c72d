import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";

import { AgentControls } from "@/components/agents/agent-controls";
import { AgentTabs } from "@/components/agents/agent-tabs";
import { AutoRefresh } from "@/components/agents/auto-refresh";
import { isPending, StatusBadge } from "@/components/agents/status-badge";
import { FormError, PageHeader } from "@/components/ui/feedback";
import { can } from "@/lib/auth/permissions";

import { controlAgentAction, deleteAgentAction } from "../actions";
import { loadAgent, type TAgentParams } from "./load-agent";

export async function generateMetadata({ params }: TAgentParams): Promise<Metadata> {
  const { org, agent: slug } = await params;
  const { agent } = await loadAgent(org, slug);
  return { title: `${agent.name} · Understudy` };
}

export default async function AgentLayout({ children, params }: TAgentParams & { children: ReactNode }) {
  const { org, agent: slug } = await params;
  const { ctx, agent } = await loadAgent(org, slug);
  const ref = { orgSlug: ctx.orgSlug, agentSlug: agent.slug };
  const base = `/${ctx.orgSlug}/agents/${agent.slug}`;
  return (
    <>
      <Link href={`/${ctx.orgSlug}/agents`} className="mb-3 inline-block text-sm text-zinc-600 hover:text-zinc-900">
        ← Agents
      </Link>
      <PageHeader
        title={agent.name}
        description={
          <span role="status" aria-label="Agent status">
            <StatusBadge status={agent.displayStatus} />
          </span>
        }
        actions={
          can(ctx.role, "agent:manage") ? (
            <AgentControls
              name={agent.name}
              status={agent.displayStatus}
              control={controlAgentAction.bind(null, ref)}
              remove={deleteAgentAction.bind(null, ref)}
            />
          ) : null
        }
      />
      <AutoRefresh active={isPending(agent.displayStatus)} />
      {agent.status === "error" && agent.statusMessage ? (
        <div className="-mt-2 mb-6">
          <FormError message={agent.statusMessage} />
        </div>
      ) : null}
      <AgentTabs base={base} />
      <div className="pt-6">{children}</div>
    </>
  );
}
