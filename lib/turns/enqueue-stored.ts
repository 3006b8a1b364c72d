// A stored turn onto the queue. When Redis is down the turn stays in
// PostgreSQL: a chat turn waits there for the reconciler, which puts it on the
// queue once Redis is back; an API caller is told at once (503) and must not
// get a late answer to a request it may retry, so its turn is settled as
// failed. With the same Idempotency-Key that retry queues it again
// (replay-turn.ts).
import { db } from "../db/client";
import { metrics } from "../observability/metrics";
import { enqueueTurn } from "../queue/producers";
import type { TTurnOutcome } from "./turn-outcome";

// How a turn refused for want of a queue is settled; it never ran.
export const QUEUE_UNAVAILABLE = "unavailable" satisfies TTurnOutcome;

// False when the turn is stored but not (known to be) on the queue.
export async function enqueueStored({ turnId, orgId, source }: { turnId: string; orgId: string; source: "chat" | "api" }): Promise<boolean> {
  try {
    await enqueueTurn({ turnId, orgId });
    return true;
  } catch (error) {
    if (source === "chat") return false;
    const refused = await db.turn
      .updateMany({
        where: { id: turnId, orgId, state: "queued" },
        data: { state: "failed", errorOutcome: QUEUE_UNAVAILABLE, errorMessage: "Queue unavailable", completedAt: new Date() },
      })
      .catch(() => null);
    // Nothing refused: a worker took the job (it reached Redis before the
    // error did), or PostgreSQL could not record the refusal and the turn
    // stays queued for the reconciler. Either way it will be answered, so
    // the caller waits for it instead of being invited to send it again.
    if (!refused?.count) return false;
    metrics().turns.inc({ outcome: QUEUE_UNAVAILABLE });
    throw error;
  }
}
