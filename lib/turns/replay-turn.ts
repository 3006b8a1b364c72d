// A request sent again with its Idempotency-Key gets the turn the first one
// stored, whatever became of it: still running, answered or failed. One
// exception: a turn refused because the queue was down never ran, and its
// 503 invited the retry, so the retry queues that same turn again.
//
// A key belongs to the API key whose request used it, and to that request:
// another API key's request with the same Idempotency-Key starts its own
// turn, and a repeat whose request differs from the first is refused.
import { db } from "../db/client";
import { AppError } from "../errors";
import { enqueueStored, QUEUE_UNAVAILABLE } from "./enqueue-stored";
import type { TSubmitted } from "./submit-turn";

// The unique index on (organization, API key, Idempotency-Key) refused the row.
const KEY_INDEX = "turns_org_id_api_key_id_idempotency_key_key";

export type TIdempotency = { key: string; requestHash: string };

// The key came first with another request. Refused rather than replayed:
// answering it with the first request's turn would answer a question it
// did not ask.
export class IdempotencyKeyReused extends AppError {
  constructor() {
    super("INVALID_INPUT", "This Idempotency-Key was already used with a different request.");
    this.name = "IdempotencyKeyReused";
  }
}

export function isKeyTaken(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === "23505" && constraint === KEY_INDEX;
}

export async function replayTurn({ orgId, apiKeyId, idempotency }: { orgId: string; apiKeyId: string; idempotency: TIdempotency }): Promise<TSubmitted> {
  const stored = await db.turn.findFirst({
    where: { orgId, apiKeyId, idempotencyKey: idempotency.key },
    select: { id: true, conversationId: true, requestHash: true },
  });
  // Deleted (with its conversation) between the refused insert and now.
  if (!stored) throw new AppError("UNAVAILABLE", "The request with this Idempotency-Key was just deleted; send it again.");
  if (stored.requestHash !== idempotency.requestHash) throw new IdempotencyKeyReused();
  const turn = { id: stored.id, conversationId: stored.conversationId, enqueued: true, replayed: true };
  const revived = await db.turn.updateMany({
    where: { id: stored.id, orgId, state: "failed", errorOutcome: QUEUE_UNAVAILABLE },
    data: { state: "queued", errorOutcome: null, errorMessage: null, completedAt: null },
  });
  if (revived.count === 0) return turn;
  return { ...turn, enqueued: await enqueueStored({ turnId: stored.id, orgId, source: "api" }) };
}
