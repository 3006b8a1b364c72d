import { Redis } from "ioredis";
import { ZEnv } from "./env";

const globalForRedis = globalThis as unknown as { redis?: Redis };

// Requests fail fast when Redis is down; BullMQ workers build their own
// blocking connections (maxRetriesPerRequest: null) in lib/queue.
export const redis: Redis =
  globalForRedis.redis ??
  new Redis(ZEnv.shape.REDIS_URL.parse(process.env.REDIS_URL), { maxRetriesPerRequest: 1, connectTimeout: 2000 });
globalForRedis.redis = redis;
redis.on("error", () => {});
