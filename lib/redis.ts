import type { Redis } from "ioredis";

import { createRedis } from "./queue/connections";
import { singleton } from "./singleton";

// The web's client for limits and locks: requests fail fast when Redis is
// down. BullMQ workers build their own blocking connections in lib/queue.
export const redis: Redis = singleton("redis", () => createRedis("request"));
