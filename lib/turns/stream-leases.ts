// Web side: live answers open at once, counted in Redis across every web
// process, so one caller cannot hold thousands of them. An open stream holds
// a lease in two sorted sets, its owner's (the signed-in person for the Chat
// tab, the API key for the API) and its organization's, each lease scored
// with the moment it ends (Redis's clock, as processes may disagree). A
// stream that ends, is cancelled or fails releases its lease; a process that
// dies leaves its leases to run out, as turn slots do (turn-slots.ts). Each
// process renews all its leases together, so an open stream costs no timer.
import { randomUUID } from "node:crypto";

import { env } from "../env";
import { AppError } from "../errors";
import { redisKey } from "../queue/connections";
import { redis } from "../redis";
import { singleton } from "../singleton";

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

// KEYS the owner's and the organization's leases; ARGV lease ms, lease id,
// then each set's cap. 0 when taken, else the (1-based) set that is full.
const TAKE = `${NOW}
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  if redis.call('ZCARD', key) >= tonumber(ARGV[i + 2]) then return i end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + tonumber(ARGV[1]), ARGV[2])
  redis.call('PEXPIRE', key, ARGV[1])
end
return 0
`;

// KEYS every set holding a lease of this process; ARGV lease ms, then pairs
// of (index into KEYS, lease id). Only a lease still held is renewed (XX).
const RENEW = `${NOW}
local until_ms = now + tonumber(ARGV[1])
for i = 2, #ARGV, 2 do
  redis.call('ZADD', KEYS[tonumber(ARGV[i])], 'XX', until_ms, ARGV[i + 1])
end
for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, ARGV[1]) end
return 0
`;

// Leases renewed per script, so one renewal never holds Redis for long.
const RENEW_BATCH = 500;
// Streams end when their turns do, which no one can tell in advance: a
// retry after a few seconds finds a free lease as soon as one is.
export const STREAM_RETRY_AFTER_SECONDS = 5;

export type TStreamOwner = { userId: string } | { apiKeyId: string };
export type TStreamLease = { release(): void };
export type TStreamTake = { ok: true; lease: TStreamLease } | { ok: false; full: "owner" | "organization"; cap: number; retryAfterSeconds: number };

type THeld = { id: string; keys: [string, string] };
type TRenewals = { held: Map<string, THeld>; timer?: NodeJS.Timeout };
const renewals = () => singleton("stream-lease-renewals", (): TRenewals => ({ held: new Map() }));

export function ownerStreamsKey(owner: TStreamOwner): string {
  return "userId" in owner ? redisKey("stream-leases", "user", owner.userId) : redisKey("stream-leases", "api-key", owner.apiKeyId);
}

export const orgStreamsKey = (orgId: string) => redisKey("stream-leases", "org", orgId);

function renewAll(leaseMs: number) {
  const held = [...renewals().held.values()];
  for (let start = 0; start < held.length; start += RENEW_BATCH) {
    const batch = held.slice(start, start + RENEW_BATCH);
    const keys = [...new Set(batch.flatMap((lease) => lease.keys))];
    const index = new Map(keys.map((key, i) => [key, i + 1]));
    const pairs = batch.flatMap((lease) => lease.keys.flatMap((key) => [index.get(key) ?? 0, lease.id]));
    // A failed renewal is repaired by the next; the lease bounds the harm.
    redis.eval(RENEW, keys.length, ...keys, leaseMs, ...pairs).catch(() => undefined);
  }
}

function hold(lease: THeld, leaseMs: number): TStreamLease {
  const state = renewals();
  state.held.set(lease.id, lease);
  if (!state.timer) {
    // Renewed three times a lease, so one late renewal never lets it run out.
    state.timer = setInterval(() => renewAll(leaseMs), leaseMs / 3);
    state.timer.unref();
  }
  return {
    release() {
      if (!state.held.delete(lease.id)) return;
      if (state.held.size === 0) {
        clearInterval(state.timer);
        state.timer = undefined;
      }
      // Redis away: the lease runs out by itself.
      redis
        .multi()
        .zrem(lease.keys[0], lease.id)
        .zrem(lease.keys[1], lease.id)
        .exec()
        .catch(() => undefined);
    },
  };
}

// A lease for one more open stream of this owner and organization, or which
// of the two caps is reached.
export async function takeStreamLease({ orgId, owner }: { orgId: string; owner: TStreamOwner }): Promise<TStreamTake> {
  const settings = env();
  const caps = ["userId" in owner ? settings.STREAMS_PER_USER : settings.STREAMS_PER_API_KEY, settings.STREAMS_PER_ORG] as const;
  const lease: THeld = { id: randomUUID(), keys: [ownerStreamsKey(owner), orgStreamsKey(orgId)] };
  let full: unknown;
  try {
    full = await redis.eval(TAKE, 2, ...lease.keys, settings.STREAM_LEASE_MS, lease.id, ...caps);
  } catch {
    throw new AppError("UNAVAILABLE", "Live answers are unavailable (Redis). Try again in a moment.");
  }
  if (Number(full) === 0) return { ok: true, lease: hold(lease, settings.STREAM_LEASE_MS) };
  const owners = Number(full) === 1;
  return { ok: false, full: owners ? "owner" : "organization", cap: owners ? caps[0] : caps[1], retryAfterSeconds: STREAM_RETRY_AFTER_SECONDS };
}
