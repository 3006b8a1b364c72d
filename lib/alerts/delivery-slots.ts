// Fair share for alert deliveries: at most `cap` deliveries of one
// organization are in flight at once, counted across every worker in Redis,
// so one organization's hanging receivers (each attempt may wait 10 s, eight
// times) hold a few of the workers' delivery slots, never all of them.
//
// As with turn slots (lib/turns/turn-slots.ts), one sorted set per
// organization holds the deliveries in flight, each scored with the moment
// its lease ends (Redis's clock); a delivery handed over again takes the
// slot it already had. An attempt is bounded (a webhook waits 10 s, the mail
// server's timeouts bound an email), so the lease outlives any attempt and
// needs no renewal; a killed worker's slot frees itself when it ends.
import type { Redis } from "ioredis";

import { redisKey } from "../queue/connections";

const LEASE_MS = 2 * 60_000;

// KEYS slots; ARGV cap, lease ms, delivery id. 1 when the delivery holds a slot.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

export type TDeliverySlots = {
  // Takes a slot and answers its release, or undefined when the organization's are all taken.
  hold(input: { orgId: string; deliveryId: string; cap: number }): Promise<(() => Promise<void>) | undefined>;
};

export function deliverySlots({ redis, leaseMs = LEASE_MS }: { redis: Redis; leaseMs?: number }): TDeliverySlots {
  return {
    async hold({ orgId, deliveryId, cap }) {
      const key = redisKey("alert-slots", orgId);
      if (Number(await redis.eval(TAKE, 1, key, cap, leaseMs, deliveryId)) !== 1) return undefined;
      // A release that fails is left to the lease.
      return async () => {
        await redis.zrem(key, deliveryId).catch(() => undefined);
      };
    },
  };
}
