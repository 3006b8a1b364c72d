import { randomUUID } from "node:crypto";
import { AppError } from "../errors";
import { redisKey } from "../queue/connections";
import { redis } from "../redis";

// A sliding-window log: one sorted-set member per accepted request, scored by
// Redis's own clock (web processes may disagree about the time). Unlike a
// fixed window it never lets 2x the limit through across a window boundary,
// and "retry after" is exact: when the oldest request in the window ages out.
// At 600 a minute that is at most 600 small members per key. Refused requests
// are not recorded, so a client that keeps knocking is let in on time.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + window - now
`;

type TConsume = { orgId: string; keyId: string; limit: number; windowMs?: number };
export type TRateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function consumeRateLimit({ orgId, keyId, limit, windowMs = 60_000 }: TConsume): Promise<TRateLimitResult> {
  let waitMs: unknown;
  try {
    waitMs = await redis.eval(SCRIPT, 1, redisKey("api-rate", orgId, keyId), limit, windowMs, randomUUID());
  } catch {
    throw new AppError("UNAVAILABLE", "The rate limiter is unavailable (Redis). Try again in a moment.");
  }
  if (Number(waitMs) <= 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(waitMs) / 1000)) };
}
