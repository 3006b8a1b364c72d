// A request sent again with its Idempotency-Key gets the turn the first one
// stored, whatever became of it: still running, answered or failed. One
// exception: a turn refused because the queue was down never ran, and its
// 503 invited the retry, so the retry queues that same turn again.
import type { TAgentScope } from "../agents/agent-scope";
import { db } from "../db/client";
import { AppError } from "../errors";
import { enqueueStored, QUEUE_UNAVAILABLE } from "./enqueue-stored";
import type { TSubmitted } from "./submit-turn";

// The unique index on (organization, agent, Idempotency-Key) refused the row.
const KEY_INDEX = "turns_org_id_agent_id_idempotency_key_key";

export function isKeyTaken(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === "23505" && constraint === KEY_INDEX;
}

export async function replayTurn({ orgId, agentId, idempotencyKey }: TAgentScope & { idempotencyKey: string }): Promise<TSubmitted> {
  const stored = await db.turn.findFirst({ where: { orgId, agentId, idempotencyKey }, select: { id: true, conversationId: true } });
  // Deleted (with its conversation) between the refused insert and now.
  if (!stored) throw new AppError("UNAVAILABLE", "The request with this Idempotency-Key was just deleted; send it again.");
  const turn = { ...stored, enqueued: true, replayed: true };
  const revived = await db.turn.updateMany({
    where: { id: stored.id, orgId, state: "failed", errorOutcome: QUEUE_UNAVAILABLE },
    data: { state: "queued", errorOutcome: null, errorMessage: null, completedAt: null },
  });
  if (revived.count === 0) return turn;
  return { ...turn, enqueued: await enqueueStored({ turnId: stored.id, orgId, source: "api" }) };
}
