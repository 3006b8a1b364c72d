// The daily drill: once a day (DAILY_DRILLS in lib/queue/names.ts) one drill
// is enqueued for each running agent that has it on and a backup in its
// running chain. Each drill is its own job, so one slow chain delays no other.
import { randomUUID } from "node:crypto";

import { parseRuntime } from "../agents/runtime";
import { db } from "../db/client";
import { enqueueDrill } from "../queue/producers";

export async function enqueueDailyDrills(): Promise<{ enqueued: number }> {
  // Every organization's agents: this is the operator's schedule, not a tenant's request.
  const agents = await db.agent.findMany({ where: { dailyDrill: true, status: "running" }, select: { id: true, orgId: true, runtime: true } });
  const due = agents.filter((agent) => (parseRuntime(agent.runtime)?.links.length ?? 0) > 1);
  for (const agent of due) {
    await enqueueDrill({ orgId: agent.orgId, agentId: agent.id, drillId: randomUUID(), requestedById: null, trigger: "daily" });
  }
  return { enqueued: due.length };
}
