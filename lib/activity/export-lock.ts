// One CSV export at a time per user: each export keeps a database connection
// busy for as long as it streams, so a stranger must not start a hundred.
import { randomUUID } from "node:crypto";

import { redisKey } from "../queue/connections";
import { redis } from "../redis";

// A lock outlives a process that died mid-export by at most this long; a
// running export renews it with every batch.
const EXPORT_LOCK_MS = 120_000;

// Only the export that took the lock may renew or release it.
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`;

export type TExportLock = { renew: () => Promise<void>; release: () => Promise<void> };

export const exportLockKey = (userId: string) => redisKey("export", userId);

/** The user's export lock, or null while another export of theirs runs. */
export async function takeExportLock({ userId, ttlMs = EXPORT_LOCK_MS }: { userId: string; ttlMs?: number }): Promise<TExportLock | null> {
  const key = exportLockKey(userId);
  const token = randomUUID();
  if ((await redis.set(key, token, "PX", ttlMs, "NX")) !== "OK") return null;
  let released = false;
  return {
    renew: async () => {
      await redis.eval(RENEW, 1, key, token, ttlMs);
    },
    release: async () => {
      if (released) return;
      released = true;
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}
