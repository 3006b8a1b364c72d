import { Redis, type RedisOptions } from "ioredis";
import { ZEnv } from "../env";

const url = () => ZEnv.shape.REDIS_URL.parse(process.env.REDIS_URL);

// Workers block on Redis: BullMQ requires maxRetriesPerRequest null there.
export function workerConnection(): Redis {
  return new Redis(url(), { maxRetriesPerRequest: null });
}

// Producers fail fast, so a request can answer "queue unavailable" instead of hanging.
const producerOptions: RedisOptions = { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 };

// Turn streams, both sides: a worker's delta that cannot be written is
// dropped and logged after one retry rather than held while Redis is away,
// and a web reader's XREAD fails instead of waiting for Redis to return.
export function streamConnection(): Redis {
  const redis = new Redis(url(), { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  redis.on("error", () => {});
  return redis;
}

const globalForQueue = globalThis as unknown as { producerRedis?: Redis };
export function producerConnection(): Redis {
  globalForQueue.producerRedis ??= new Redis(url(), producerOptions);
  globalForQueue.producerRedis.on("error", () => {});
  return globalForQueue.producerRedis;
}

export const queuePrefix = () => ZEnv.shape.QUEUE_PREFIX.parse(process.env.QUEUE_PREFIX);

// Every key the app writes lives under QUEUE_PREFIX, next to BullMQ's, so
// deployments (or test runs) that share one Redis never read each other's,
// and one SCAN finds them all: redisKey("circuit", id) is "<prefix>:circuit:<id>".
export const redisKey = (...parts: string[]) => [queuePrefix(), ...parts].join(":");
