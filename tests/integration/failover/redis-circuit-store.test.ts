// The Redis circuit store against a real Redis, with one connection per store
// as in production, where each worker process has its own.
import { randomUUID } from "node:crypto";

import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createRedisCircuitStore } from "@/lib/failover/redis-circuit-store";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
if (!LOCAL_HOSTS.has(new URL(REDIS_URL).hostname)) {
  throw new Error(`Refusing to run integration tests against non-local Redis ${new URL(REDIS_URL).hostname}`);
}

const connections: Redis[] = [];
let prefix = "";

function connect(): Redis {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  connections.push(redis);
  return redis;
}

// A store per connection stands in for a store per worker process.
function workerStore(params = {}) {
  return createRedisCircuitStore({ redis: connect(), prefix, params });
}

beforeEach(() => {
  prefix = `test:circuit:${randomUUID()}:`;
});

afterEach(async () => {
  const admin = connect();
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  await Promise.all(connections.splice(0).map((redis) => redis.quit()));
});

describe("redis circuit store", () => {
  it("failures recorded by two workers accumulate and open the circuit", async () => {
    const [workerA, workerB] = [workerStore(), workerStore()];

    await workerA.recordFailure({ key: "p1", outcome: "server_error", status: 500, now: 1_000 });
    await workerB.recordFailure({ key: "p1", outcome: "overloaded", status: 529, now: 2_000 });
    const events = await workerA.recordFailure({ key: "p1", outcome: "timeout", now: 3_000 });

    expect(events).toMatchObject([{ type: "degraded", at: 3_000, cause: { outcome: "timeout" } }]);
    expect(await workerB.get("p1")).toMatchObject({ state: "open", consecutiveFailures: 3, openUntil: 33_000 });
    expect((await workerB.listOpen()).map((open) => open.key)).toEqual(["p1"]);
  });

  it("concurrent failures from several workers are never lost", async () => {
    const stores = [workerStore(), workerStore(), workerStore()];
    const failures = stores.flatMap((store) =>
      Array.from({ length: 10 }, (_, index) => store.recordFailure({ key: "p1", outcome: "rate_limited", status: 429, now: index })),
    );

    const events = (await Promise.all(failures)).flat();

    expect((await workerStore().get("p1")).consecutiveFailures).toBe(30);
    expect(events.filter((event) => event.type === "degraded")).toHaveLength(1);
  });

  it("of 20 concurrent probe requests exactly one wins", async () => {
    const stores = Array.from({ length: 4 }, () => workerStore());
    await workerStore().recordFailure({ key: "p1", outcome: "auth", status: 401, now: 0 });
    const afterCooldown = 30_000;

    // Five callers per connection also races callers within one process.
    const wins = await Promise.all(stores.flatMap((store) => Array.from({ length: 5 }, () => store.acquireProbe("p1", afterCooldown))));

    expect(wins.filter((won) => won)).toHaveLength(1);
    expect(await workerStore().get("p1")).toMatchObject({ state: "half_open" });
  });

  it("an open circuit gives a probe after its cooldown and a success closes it", async () => {
    const [workerA, workerB] = [workerStore(), workerStore()];
    await workerA.recordFailure({ key: "p1", outcome: "quota_exhausted", status: 429, now: 0 });

    expect(await workerB.acquireProbe("p1", 29_999)).toBe(false);
    expect(await workerB.acquireProbe("p1", 30_000)).toBe(true);
    const events = await workerB.recordSuccess("p1", 30_500);

    expect(events).toEqual([{ type: "recovered", at: 30_500 }]);
    expect(await workerA.get("p1")).toMatchObject({ state: "closed", consecutiveFailures: 0, needsAttention: false });
    expect(await workerA.listOpen()).toEqual([]);
  });

  it("a failed probe reopens the circuit with a doubled cooldown", async () => {
    const store = workerStore();
    await store.recordFailure({ key: "p1", outcome: "auth", now: 0 });
    await store.acquireProbe("p1", 30_000);

    await store.recordFailure({ key: "p1", outcome: "auth", now: 30_100 });

    expect(await store.get("p1")).toMatchObject({ state: "open", cooldownMs: 60_000, openUntil: 90_100 });
  });

  it("keys carry the prefix and expire", async () => {
    const ttlMs = 60_000;
    const redis = connect();
    const store = createRedisCircuitStore({ redis, prefix, ttlMs });
    await store.recordFailure({ key: "p1", outcome: "auth", now: 0 });

    const keys = (await redis.keys(`${prefix}*`)).sort();
    const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));

    expect(keys).toEqual([`${prefix}open`, `${prefix}state:p1`]);
    for (const ttl of ttls) {
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(ttlMs);
    }
  });

  it("reset forgets the circuit for every worker", async () => {
    const [workerA, workerB] = [workerStore(), workerStore()];
    await workerA.recordFailure({ key: "p1", outcome: "auth", now: 0 });

    await workerB.reset("p1");

    expect(await workerA.get("p1")).toMatchObject({ state: "closed", consecutiveFailures: 0 });
    expect(await workerA.listOpen()).toEqual([]);
  });

  it("a circuit whose state expired is dropped from the open list", async () => {
    const redis = connect();
    const store = createRedisCircuitStore({ redis, prefix });
    await store.recordFailure({ key: "p1", outcome: "auth", now: 0 });
    await redis.del(`${prefix}state:p1`);

    expect(await store.listOpen()).toEqual([]);
    expect(await redis.smembers(`${prefix}open`)).toEqual([]);
  });
});
