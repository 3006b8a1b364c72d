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
//
// Two windows are checked in one script, the key's and its organization's:
// a request goes through only when both have room, and then counts in both,
// so an organization cannot pass its limit by spreading requests over keys.
// KEYS: the windows; ARGV: window ms, member, then each window's limit.
// Returns 0, or the (1-based) window that is full and the ms until it has
// room, the longest wait when both are full.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local full, wait = 0, 0
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= tonumber(ARGV[i + 2]) then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    local ms = tonumber(oldest[2]) + window - now
    if ms > wait then full, wait = i, ms end
  end
end
if full > 0 then return {full, wait} end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, window)
end
return 0
`;

const SCOPES = ["key", "organization"] as const;
type TRateLimitScope = (typeof SCOPES)[number];

type TConsume = { orgId: string; keyId: string; limit: number; orgLimit: number; windowMs?: number };
type TRateLimitResult = { allowed: true } | { allowed: false; scope: TRateLimitScope; retryAfterSeconds: number };

export async function consumeRateLimit({ orgId, keyId, limit, orgLimit, windowMs = 60_000 }: TConsume): Promise<TRateLimitResult> {
  let answer: unknown;
  try {
    const keys = [redisKey("api-rate", orgId, keyId), redisKey("api-rate", orgId)];
    answer = await redis.eval(SCRIPT, keys.length, ...keys, windowMs, randomUUID(), limit, orgLimit);
  } catch {
    throw new AppError("UNAVAILABLE", "The rate limiter is unavailable (Redis). Try again in a moment.");
  }
  if (!Array.isArray(answer)) return { allowed: true };
  const [window, waitMs] = answer.map(Number) as [number, number];
  return { allowed: false, scope: SCOPES[window - 1] ?? "key", retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
