// Fair share: at most `cap` turns of one organization run at once, counted
// across every worker in Redis, so one tenant's hanging provider (or flood of
// slow turns) cannot hold every worker slot while the others' turns wait.
//
// One sorted set per organization holds the turn ids in flight, each scored
// with the moment its lease ends (Redis's own clock, as workers may disagree).
// A member is one turn, so a turn delivered again (its worker died) takes the
// slot it already had rather than a second one; a plain counter would count
// it twice and would leak whatever a killed worker had taken. A live turn
// renews its lease; a killed worker's lease simply runs out. The set expires
// with its last lease, so an idle organization leaves no key behind.
//
// A second set lines up the turns refused a slot, oldest first; a released
// slot names the one to wake, so a busy organization's slots do not sit idle
// while its turns wait out their delay.
import type { Redis } from "ioredis";

import { redisKey } from "../queue/connections";

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

// A waiting turn comes back every few seconds and refreshes this.
const LINE_TTL_MS = 5 * 60_000;

// KEYS slots, line; ARGV cap, lease ms, turn id, line ttl. 1 when the turn
// holds a slot; otherwise it joins the line (keeping its place if it had one).
const TAKE = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  redis.call('ZREM', KEYS[2], ARGV[3])
  return 1
end
redis.call('ZADD', KEYS[2], 'NX', now, ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 0
`;

// Only a slot still held is renewed, so a renewal that lands after the
// release (or after the lease was pruned while Redis was away) brings
// nothing back.
const RENEW = `${NOW}
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return 0
`;

// KEYS slots, line; ARGV turn id. The longest-waiting turn, taken off the line.
const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
local waiting = redis.call('ZPOPMIN', KEYS[2])
return waiting[1]
`;

const IN_FLIGHT = `${NOW}
return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')
`;

export type TTurnSlots = {
  // Takes a slot for the turn, or puts it in the organization's line.
  hold(input: { orgId: string; turnId: string; cap: number }): Promise<THeldSlot | undefined>;
  // Turns of the organization holding a live lease.
  inFlight(orgId: string): Promise<number>;
};
// The id of the organization's longest-waiting turn, if one waits.
export type THeldSlot = { release(): Promise<string | undefined> };

type TSlotsConfig = {
  redis: Redis;
  leaseMs: number;
  // A renewal or release that fails is reported; the lease bounds the harm.
  onError?: (error: unknown) => void;
};

const keysOf = (orgId: string) => [redisKey("turn-slots", orgId), redisKey("turn-line", orgId)] as const;

export function turnSlots({ redis, leaseMs, onError }: TSlotsConfig): TTurnSlots {
  return {
    async hold({ orgId, turnId, cap }) {
      const keys = keysOf(orgId);
      if (Number(await redis.eval(TAKE, 2, ...keys, cap, leaseMs, turnId, LINE_TTL_MS)) !== 1) return undefined;
      return heldSlot({ redis, keys, turnId, leaseMs, onError });
    },
    async inFlight(orgId) {
      return Number(await redis.eval(IN_FLIGHT, 1, keysOf(orgId)[0]));
    },
  };
}

// Renewed three times a lease, so one late renewal never lets it run out.
function heldSlot({ redis, keys, turnId, leaseMs, onError }: TSlotsConfig & { keys: readonly [string, string]; turnId: string }): THeldSlot {
  const timer = setInterval(() => {
    redis.eval(RENEW, 1, keys[0], leaseMs, turnId).catch((error: unknown) => onError?.(error));
  }, leaseMs / 3);
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      const waiting = await redis.eval(RELEASE, 2, ...keys, turnId).catch((error: unknown) => onError?.(error));
      return typeof waiting === "string" ? waiting : undefined;
    },
  };
}
