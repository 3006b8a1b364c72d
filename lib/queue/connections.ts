import { Redis, type RedisOptions } from "ioredis";

import { infraEnv } from "../env";
import { singleton } from "../singleton";

// Every Redis client the app opens is built here, for one of three uses.
const USES = {
  // BullMQ workers and their queues block on Redis: BullMQ requires
  // maxRetriesPerRequest null there, and reports the connection's errors itself.
  worker: { maxRetriesPerRequest: null },
  // A command is retried once, then fails, rather than held while Redis is
  // away: requests, turn streams (both sides), slots, the settled-turn watch.
  request: { maxRetriesPerRequest: 1, connectTimeout: 2000 },
  // Nothing is queued while disconnected: producers answer "queue
  // unavailable" at once, and a turn never waits on its circuit state.
  failFast: { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 },
} satisfies Record<string, RedisOptions>;

type TRedisUse = keyof typeof USES;

// Every connection is named "<prefix>:<service>:<name>" (CLIENT LIST shows
// it), so an operator sees which process holds how many, and what for.
// `name` defaults to the use; Redis allows no spaces in it.
function connectionName(name: string): string {
  const { QUEUE_PREFIX, SERVICE_NAME } = infraEnv();
  return [QUEUE_PREFIX, SERVICE_NAME, name].join(":").replace(/[^\w.:-]/g, "_");
}

// The callers of the request and fail-fast clients see a failed command and
// handle it; the connection's own error events would only repeat it.
export function createRedis(use: TRedisUse, { url = infraEnv().REDIS_URL, name = use }: { url?: string; name?: string } = {}): Redis {
  const redis = new Redis(url, { ...USES[use], connectionName: connectionName(name) });
  if (use !== "worker") redis.on("error", () => {});
  return redis;
}

export const producerConnection = (): Redis => singleton("producer-redis", () => createRedis("failFast"));

export const queuePrefix = () => infraEnv().QUEUE_PREFIX;

// Every key the app writes lives under QUEUE_PREFIX, next to BullMQ's, so
// deployments (or test runs) that share one Redis never read each other's,
// and one SCAN finds them all: redisKey("circuit", id) is "<prefix>:circuit:<id>".
export const redisKey = (...parts: string[]) => [queuePrefix(), ...parts].join(":");
