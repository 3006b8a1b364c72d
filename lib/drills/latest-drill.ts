// The drill result the Overview shows: the agent's latest drill event, or
// the one a request is waiting for.
import type { TRuntime } from "../agents/runtime";
import { db } from "../db/client";
import { drillSentences, type TDrillData, ZDrillData } from "./drill-result";

export type TDrillView = Pick<TDrillData, "drillId" | "trigger" | "passed"> & {
  // ISO 8601.
  at: string;
  actorName: string | null;
  sentences: string[];
};

// Why a drill cannot run now, in words, or null when it can. The page
// disables the button with it; the server refuses with it.
export function drillBlocker(agent: { status: string; running: TRuntime | null }): string | null {
  if (agent.status !== "running" || !agent.running) return "Start the agent first: a drill runs through the running chain.";
  if (agent.running.links.length < 2) return "The running chain has no backup. Add one on the AI Provider tab, then restart the agent.";
  return null;
}

export async function latestDrill({ orgId, agentId, drillId }: { orgId: string; agentId: string; drillId?: string }): Promise<TDrillView | null> {
  const event = await db.activityEvent.findFirst({
    where: { orgId, agentId, type: "drill", ...(drillId ? { data: { path: ["drillId"], equals: drillId } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { data: true, createdAt: true, actorId: true },
  });
  const parsed = ZDrillData.safeParse(event?.data);
  if (!event || !parsed.success) return null;
  const actor = event.actorId ? await db.user.findFirst({ where: { id: event.actorId, memberships: { some: { orgId } } }, select: { name: true } }) : null;
  const { drillId: id, trigger, passed } = parsed.data;
  return { drillId: id, trigger, passed, at: event.createdAt.toISOString(), actorName: actor?.name ?? null, sentences: drillSentences(parsed.data) };
}
