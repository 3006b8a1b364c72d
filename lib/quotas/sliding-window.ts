// Sliding-window logs in Redis, the one counter behind every "N per window"
// limit (API and Chat requests a minute, drills and test alerts an hour).
// One sorted-set member per accepted unit, scored by Redis's own clock (web
// processes may disagree about the time). Unlike a fixed window it never lets
// 2x the limit through across a window boundary, and "retry after" is exact:
// when enough of the oldest units have aged out. Refused requests are not
// recorded, so a client that keeps knocking is let in on time.
//
// Several windows are checked in one script: a request goes through only
// when every window has room for its cost, and then counts in all of them.
import { randomUUID } from "node:crypto";

import { redis } from "../redis";

// KEYS: the windows; ARGV: window ms, member prefix, cost, then each window's
// limit. Returns 0, or the (1-based) window that is full and the ms until it
// has room, the longest wait when several are full.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local cost = tonumber(ARGV[3])
local full, wait = 0, 0
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local card = redis.call('ZCARD', key)
  local over = card + cost - tonumber(ARGV[i + 3])
  if over > 0 then
    -- A cost above the limit itself never fits: a whole window, and a refusal.
    local ms = window
    if over <= card then
      local freeing = redis.call('ZRANGE', key, over - 1, over - 1, 'WITHSCORES')
      ms = tonumber(freeing[2]) + window - now
    end
    if ms > wait then full, wait = i, ms end
  end
end
if full > 0 then return {full, wait} end
for _, key in ipairs(KEYS) do
  for n = 1, cost do redis.call('ZADD', key, now, ARGV[2] .. ':' .. n) end
  redis.call('PEXPIRE', key, window)
end
return 0
`;

export type TWindow = { key: string; limit: number };
// `window`: the index (in the order given) of the window that is full.
export type TWindowResult = { allowed: true } | { allowed: false; window: number; retryAfterSeconds: number };

// Throws when Redis cannot be reached; the caller says what could not be checked.
export async function takeFromWindows({ windows, windowMs, cost = 1 }: { windows: TWindow[]; windowMs: number; cost?: number }): Promise<TWindowResult> {
  const keys = windows.map((w) => w.key);
  const answer = await redis.eval(SCRIPT, keys.length, ...keys, windowMs, randomUUID(), cost, ...windows.map((w) => w.limit));
  if (!Array.isArray(answer)) return { allowed: true };
  const [window, waitMs] = answer.map(Number) as [number, number];
  return { allowed: false, window: window - 1, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

// "in 40 seconds", "in 12 minutes": when the next one is allowed.
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}
