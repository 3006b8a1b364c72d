import { db } from "../db/client";
import { enqueueTurn } from "../queue/producers";

// Turns accepted while Redis was down stay queued in PostgreSQL; this puts
// them on the queue. The turn id is the job id, so a turn already queued is
// not queued twice.
export async function reconcileTurns({ graceMs = 30_000, limit = 500 }: { graceMs?: number; limit?: number } = {}) {
  const stale = await db.turn.findMany({
    where: { state: "queued", createdAt: { lt: new Date(Date.now() - graceMs) } },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, orgId: true },
  });
  for (const turn of stale) await enqueueTurn({ turnId: turn.id, orgId: turn.orgId });
  return { requeued: stale.length };
}
