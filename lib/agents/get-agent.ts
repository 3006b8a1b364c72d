import { db } from "../db/client";
import { LINK_SELECT, summarizeLink } from "./describe-link";
import { parseRuntime } from "./runtime";

export type TDisplayStatus = "running" | "stopped" | "starting" | "stopping" | "error" | "restart_required";

// "Restart required" is not stored: it is a running agent whose running
// version lags its configuration.
function displayStatus(agent: { status: TDisplayStatus; configVersion: number; runningVersion: number | null }): TDisplayStatus {
  if (agent.status === "running" && agent.runningVersion !== agent.configVersion) return "restart_required";
  return agent.status;
}

const AGENT_SELECT = {
  id: true,
  slug: true,
  name: true,
  instructions: true,
  tools: true,
  status: true,
  statusMessage: true,
  turnBudgetMs: true,
  onBreak: true,
  callerParams: true,
  callerSystem: true,
  dailyDrill: true,
  configVersion: true,
  runningVersion: true,
  runtime: true,
  lastActivityAt: true,
  createdAt: true,
  links: { orderBy: { position: "asc" }, select: LINK_SELECT },
} as const;

export async function getAgent({ orgId, slug }: { orgId: string; slug: string }) {
  const agent = await db.agent.findFirst({ where: { orgId, slug }, select: AGENT_SELECT });
  if (!agent) return null;
  const { links, runtime, ...rest } = agent;
  return {
    ...rest,
    chain: links.map(summarizeLink),
    running: parseRuntime(runtime),
    displayStatus: displayStatus(agent),
    // Restart is needed while the configuration differs from what runs.
    pendingChanges: agent.runningVersion !== null && agent.runningVersion !== agent.configVersion,
  };
}
export type TAgentDetail = NonNullable<Awaited<ReturnType<typeof getAgent>>>;

export async function listAgents({ orgId }: { orgId: string }) {
  const agents = await db.agent.findMany({ where: { orgId }, orderBy: { createdAt: "asc" }, select: AGENT_SELECT });
  return agents.map(({ links, runtime: _runtime, ...a }) => ({ ...a, chain: links.map(summarizeLink), displayStatus: displayStatus(a) }));
}
