// The reconciler, run every few seconds by a worker's repeatable job:
// - turns accepted while Redis was down stay queued in PostgreSQL; they are
//   put on the queue (the turn id is the job id, so never twice), and a job
//   that failed without settling its turn is retried;
// - a turn still running long after its budget has lost its worker for good
//   (killed more often than BullMQ re-runs a stalled job, or hung): it is
//   settled as failed, so no turn stays running for ever.
import { DEFAULT_TURN_BUDGET_MS } from "../agents/runtime";
import { db } from "../db/client";
import { requeueTurn } from "../queue/producers";
import { failTurn, type TFailTurnDeps } from "./fail-turn";

// Past the budget, the engine has aborted every call; this covers the claim,
// the settle and a re-run after a crash, which gets a whole budget again.
const OVERDUE_GRACE_MS = 2 * 60_000;

const OVERDUE_MESSAGE = "The turn did not finish within its time budget (its worker stopped or hung), so it was ended as failed.";

type TReconcile = { deps: TFailTurnDeps; queuedGraceMs?: number; overdueGraceMs?: number; limit?: number; perOrgLimit?: number };

export async function reconcileTurns({ deps, queuedGraceMs = 30_000, overdueGraceMs = OVERDUE_GRACE_MS, limit = 500, perOrgLimit = 50 }: TReconcile) {
  const requeued = await requeueStale({ graceMs: queuedGraceMs, limit, perOrgLimit });
  const overdue = await overdueTurns({ graceMs: overdueGraceMs, limit });
  let settled = 0;
  for (const turn of overdue) {
    if (await failTurn({ ...turn, outcome: "timeout", message: OVERDUE_MESSAGE, deps })) settled += 1;
  }
  return { requeued, settledOverdue: settled };
}

// The oldest few of each organization: turns waiting in a busy
// organization's lane are queued too (their jobs exist, so enqueueing them
// again does nothing), and must not fill every pass ahead of another
// organization's lost turn.
export function staleQueuedTurns({ graceMs, limit, perOrgLimit }: { graceMs: number; limit: number; perOrgLimit: number }) {
  return db.$queryRaw<Array<{ id: string; orgId: string }>>`
    SELECT id, "orgId" FROM (
      SELECT t.id, t.org_id AS "orgId", t.created_at, row_number() OVER (PARTITION BY t.org_id ORDER BY t.created_at) AS nth
      FROM turns t
      WHERE t.state = 'queued' AND t.created_at < ${new Date(Date.now() - graceMs)}
    ) oldest
    WHERE nth <= ${perOrgLimit}
    ORDER BY created_at
    LIMIT ${limit}`;
}

async function requeueStale(input: { graceMs: number; limit: number; perOrgLimit: number }) {
  const stale = await staleQueuedTurns(input);
  for (const turn of stale) await requeueTurn({ turnId: turn.id, orgId: turn.orgId });
  return stale.length;
}

// Each run's budget is its agent's running one, counted from the claim (a
// turn claimed before started_at existed counts from its creation).
function overdueTurns({ graceMs, limit }: { graceMs: number; limit: number }) {
  return db.$queryRaw<Array<{ turnId: string; orgId: string }>>`
    SELECT t.id AS "turnId", t.org_id AS "orgId"
    FROM turns t JOIN agents a ON a.id = t.agent_id AND a.org_id = t.org_id
    WHERE t.state = 'running'
      AND coalesce(t.started_at, t.created_at) < now() - make_interval(
        secs => (coalesce((a.runtime->>'turnBudgetMs')::float8, ${DEFAULT_TURN_BUDGET_MS}) + ${graceMs}) / 1000.0
      )
    ORDER BY t.created_at
    LIMIT ${limit}`;
}
