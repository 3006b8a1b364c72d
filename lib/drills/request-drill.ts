// "Run failover drill": enqueue one drill and wait, a bounded time, for the
// worker's result. The result is read from the drill's activity event, the
// same record the feed, the alerts and a reload read, so the page never
// shows something that was not stored.
import { randomUUID } from "node:crypto";

import type { TAgentUserScope } from "../agents/agent-scope";
import { parseRuntime } from "../agents/runtime";
import { db } from "../db/client";
import { env } from "../env";
import { AppError, notFound } from "../errors";
import { enqueueDrill } from "../queue/producers";
import { takeHourlyQuota } from "../quotas/hourly-quota";
import { drillBlocker, latestDrill, type TDrillView } from "./latest-drill";

// Past this the page says the drill is still running; its result still
// lands in the feed and on the Overview.
export const DRILL_WAIT_MS = 20_000;
const POLL_MS = 250;

export type TDrillRequest = { state: "done"; drill: TDrillView } | { state: "pending"; drillId: string };

export async function requestDrill({ orgId, agentId, userId }: TAgentUserScope, { waitMs = DRILL_WAIT_MS } = {}): Promise<TDrillRequest> {
  const agent = await db.agent.findFirst({ where: { id: agentId, orgId }, select: { status: true, runtime: true } });
  if (!agent) throw notFound("Agent not found");
  const blocker = drillBlocker({ status: agent.status, running: parseRuntime(agent.runtime) });
  if (blocker) throw new AppError("CONFLICT", blocker);
  // Each drill makes a real call to every backup: a few an hour per organization.
  const limit = env().DRILLS_PER_HOUR;
  await takeHourlyQuota({
    orgId,
    quota: "drills",
    limit,
    refusal: (retry) => `This organization has run ${limit} failover drills in the last hour, the most it may. Run the next one ${retry}.`,
  });
  // Nothing is written before the job is queued: with Redis down the
  // member gets "unavailable" and nothing is left half-done.
  const drillId = randomUUID();
  await enqueueDrill({ orgId, agentId, drillId, requestedById: userId, trigger: "manual" });
  const deadline = Date.now() + waitMs;
  for (;;) {
    const drill = await latestDrill({ orgId, agentId, drillId });
    if (drill) return { state: "done", drill };
    if (Date.now() >= deadline) return { state: "pending", drillId };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
