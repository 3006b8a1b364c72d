import type { Prisma } from "../db/client";
import { FAILOVER_WINDOW_MS } from "./rules";

// An agent's settled turns in the five minutes up to `at`, and how many of
// them a backup answered (index: turns by organization, agent and time).
export async function failoverRate(tx: Prisma.TransactionClient, { orgId, agentId, at }: { orgId: string; agentId: string; at: Date }) {
  const where = {
    orgId,
    agentId,
    state: { in: ["answered", "failed"] as ("answered" | "failed")[] },
    createdAt: { gt: new Date(at.getTime() - FAILOVER_WINDOW_MS), lte: at },
  };
  const [settled, failedOver] = await Promise.all([tx.turn.count({ where }), tx.turn.count({ where: { ...where, failedOver: true } })]);
  return { settled, failedOver };
}
