import Link from "next/link";

import { FailoverDrill } from "@/components/agents/failover-drill";
import { RunningChain } from "@/components/agents/running-chain";
import { ToolsForm } from "@/components/agents/tools-form";
import { OverviewCharts } from "@/components/overview/overview-charts";
import { ProviderHealth } from "@/components/overview/provider-health";
import { Card } from "@/components/ui/feedback";
import { can } from "@/lib/auth/permissions";
import { DRILL_PERMISSION } from "@/lib/drills/drill-actions";
import { drillBlocker, latestDrill } from "@/lib/drills/latest-drill";
import { HEALTH_PERMISSION } from "@/lib/provider-health/health-actions";
import { agentHealth } from "@/lib/provider-health/read-provider-health";
import { sharedCircuitStore } from "@/lib/provider-health/shared-circuit-store";
import { overviewStats } from "@/lib/stats/overview-stats";
import { ZOverviewQuery } from "@/lib/stats/range";

import { setToolsAction } from "../actions";
import { probeNowAction, resetHealthAction, runDrillAction, setDailyDrillAction } from "./actions";
import { loadAgent, type TAgentParams } from "./load-agent";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default async function AgentOverviewPage({ params, searchParams }: TAgentParams & { searchParams: Promise<{ range?: string }> }) {
  const [{ org, agent: slug }, query] = await Promise.all([params, searchParams]);
  const { range } = ZOverviewQuery.parse(query);
  const { ctx, agent } = await loadAgent(org, slug);
  const scope = { orgId: ctx.orgId, agentId: agent.id };
  const [stats, health, drill] = await Promise.all([
    overviewStats({ ...scope, range }),
    agentHealth({ ...scope, runtime: agent.running, store: sharedCircuitStore }),
    latestDrill(scope),
  ]);
  const ref = { orgSlug: ctx.orgSlug, agentSlug: agent.slug };
  const healthActions = can(ctx.role, HEALTH_PERMISSION) ? { probe: probeNowAction.bind(null, ref), reset: resetHealthAction.bind(null, ref) } : null;
  const drillActions = can(ctx.role, DRILL_PERMISSION) ? { run: runDrillAction.bind(null, ref), daily: setDailyDrillAction.bind(null, ref) } : null;
  return (
    <div className="space-y-8">
      <OverviewCharts stats={stats} base={`/${ctx.orgSlug}/agents/${agent.slug}`} />
      <ProviderHealth health={health} actions={healthActions} />
      <FailoverDrill
        latest={drill}
        blocker={drillBlocker({ status: agent.status, running: agent.running })}
        backups={Math.max(0, (agent.running?.links.length ?? 0) - 1)}
        dailyDrill={agent.dailyDrill}
        actions={drillActions}
      />
      <AgentDetails ctx={ctx} agent={agent} />
    </div>
  );
}

function AgentDetails({ ctx, agent }: Awaited<ReturnType<typeof loadAgent>>) {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Card className="p-4 sm:p-5">
        <h2 className="text-sm font-semibold text-zinc-900">Answering with</h2>
        <p className="mt-1 mb-4 text-sm text-zinc-600">Each turn goes to the primary first, then to the backups in order.</p>
        <RunningChain agent={agent} />
      </Card>
      <div className="space-y-6">
        <Card className="p-4 sm:p-5">
          <h2 className="mb-3 text-sm font-semibold text-zinc-900">Configuration</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            <dt className="text-zinc-500">Config version</dt>
            <dd className="text-zinc-800">{agent.configVersion}</dd>
            <dt className="text-zinc-500">Running version</dt>
            <dd className="text-zinc-800">{agent.runningVersion ?? "Never started"}</dd>
            <dt className="text-zinc-500">Created</dt>
            <dd className="text-zinc-800">{dateFormat.format(agent.createdAt)}</dd>
          </dl>
          {agent.pendingChanges ? (
            <p className="mt-3 text-sm text-amber-900">
              Changes to the chain wait for a restart.{" "}
              <Link href={`/${ctx.orgSlug}/agents/${agent.slug}/provider`} className="font-medium underline">
                Review them on the AI Provider tab
              </Link>
              .
            </p>
          ) : null}
        </Card>
        <Card className="p-4 sm:p-5">
          <h2 className="mb-2 text-sm font-semibold text-zinc-900">Tools</h2>
          <ToolsForm
            action={setToolsAction.bind(null, { orgSlug: ctx.orgSlug, agentSlug: agent.slug })}
            enabled={agent.tools}
            readOnly={!can(ctx.role, "agent:manage")}
          />
        </Card>
        <Card className="p-4 sm:p-5">
          <h2 className="mb-2 text-sm font-semibold text-zinc-900">Instructions</h2>
          <p className="text-sm whitespace-pre-wrap text-zinc-700">{agent.instructions}</p>
        </Card>
      </div>
    </div>
  );
}
