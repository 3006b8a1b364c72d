// The reconciler, run every few seconds by a worker's repeatable job:
// - turns accepted while Redis was down stay queued in PostgreSQL; they are
//   put on the queue (the turn id is the job id, so never twice);
// - a turn still running long after its budget has lost its worker for good
//   (killed more often than BullMQ re-runs a stalled job, or hung): it is
//   settled as failed, so no turn stays running for ever.
import { db } from "../db/client";
import { DEFAULT_TURN_BUDGET_MS } from "../agents/runtime";
import { enqueueTurn } from "../queue/producers";
import { failTurn, type TFailTurnDeps } from "./fail-turn";

// Past the budget, the engine has aborted every call; this covers the claim,
// the settle and a re-run after a crash, which gets a whole budget again.
export const OVERDUE_GRACE_MS = 2 * 60_000;

const OVERDUE_MESSAGE = "The turn did not finish within its time budget (its worker stopped or hung), so it was ended as failed.";

type TReconcile = { deps: TFailTurnDeps; queuedGraceMs?: number; overdueGraceMs?: number; limit?: number };

export async function reconcileTurns({ deps, queuedGraceMs = 30_000, overdueGraceMs = OVERDUE_GRACE_MS, limit = 500 }: TReconcile) {
  const requeued = await requeueStale({ graceMs: queuedGraceMs, limit });
  const overdue = await overdueTurns({ graceMs: overdueGraceMs, limit });
  let settled = 0;
  for (const turn of overdue) {
    if (await failTurn({ ...turn, outcome: "timeout", message: OVERDUE_MESSAGE, deps })) settled += 1;
  }
  return { requeued, settledOverdue: settled };
}

async function requeueStale({ graceMs, limit }: { graceMs: number; limit: number }) {
  const stale = await db.turn.findMany({
    where: { state: "queued", createdAt: { lt: new Date(Date.now() - graceMs) } },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, orgId: true },
  });
  for (const turn of stale) await enqueueTurn({ turnId: turn.id, orgId: turn.orgId });
  return stale.length;
}

// Each run's budget is its agent's running one, counted from the claim (a
// turn claimed before started_at existed counts from its creation).
function overdueTurns({ graceMs, limit }: { graceMs: number; limit: number }) {
  return db.$queryRaw<Array<{ turnId: string; orgId: string }>>`
    SELECT t.id AS "turnId", t.org_id AS "orgId"
    FROM turns t JOIN agents a ON a.id = t.agent_id AND a.org_id = t.org_id
    WHERE t.state = 'running'
      AND coalesce(t.started_at, t.created_at) < now() - make_interval(secs => (coalesce((a.runtime->>'turnBudgetMs')::float8, ${DEFAULT_TURN_BUDGET_MS}) + ${graceMs}) / 1000.0)
    ORDER BY t.created_at
    LIMIT ${limit}`;
}
