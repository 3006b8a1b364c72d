// What an organization may do a limited number of times an hour: failover
// drills (real, paid calls), test alerts (each may hold a delivery slot for
// minutes) and confirmation emails to alert recipients (mail to strangers).
// Counted in Redis under QUEUE_PREFIX, in a sliding window, so a refusal can
// say exactly when the next one is allowed.
import { AppError } from "../errors";
import { redisKey } from "../queue/connections";
import { takeFromWindows, waitInWords } from "./sliding-window";

const HOUR_MS = 60 * 60_000;

export type THourlyQuota = "drills" | "alert-tests" | "recipient-links";

type TTake = {
  orgId: string;
  quota: THourlyQuota;
  limit: number;
  // Units taken at once (one confirmation email per recipient of a new channel).
  cost?: number;
  // The refusal, given when the next one is allowed ("in 12 minutes").
  refusal: (retry: string) => string;
};

// Takes `cost` units of the organization's hour, or refuses with a message
// a person can act on. Nothing is taken when it refuses.
export async function takeHourlyQuota({ orgId, quota, limit, cost = 1, refusal }: TTake): Promise<void> {
  let result;
  try {
    result = await takeFromWindows({ windows: [{ key: redisKey("quota", quota, orgId), limit }], windowMs: HOUR_MS, cost });
  } catch (error) {
    // The counts live beside the job queue, in the same Redis.
    throw new AppError("UNAVAILABLE", `The job queue is unavailable (${error instanceof Error ? error.message : "Redis"}). Try again in a moment.`);
  }
  if (!result.allowed) throw new AppError("RATE_LIMITED", refusal(waitInWords(result.retryAfterSeconds)));
}
