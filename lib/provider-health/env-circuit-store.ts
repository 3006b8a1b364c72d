// The one way a process builds the circuit store every worker and the web
// share: the same Redis, key prefix and circuit parameters from the
// environment, so the dashboard reads and resets the very state turns use.
import { env, type TEnv } from "../env";
import { createRedisCircuitStore } from "../failover";
import { createRedis, redisKey } from "../queue/connections";

export function createEnvCircuitStore(config: TEnv = env()) {
  // Health state needs a connection that fails fast: a turn must not wait on it.
  const redis = createRedis("failFast", { url: config.REDIS_URL });
  const store = createRedisCircuitStore({
    redis,
    // With the default QUEUE_PREFIX this is the store's former fixed prefix,
    // so a deployment that kept the default keeps its circuits.
    prefix: `${redisKey("circuit")}:`,
    params: { failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD, baseCooldownMs: config.CIRCUIT_COOLDOWN_MS, maxCooldownMs: config.CIRCUIT_MAX_COOLDOWN_MS },
  });
  return { store, redis };
}
