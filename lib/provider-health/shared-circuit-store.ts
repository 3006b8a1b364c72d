// The web process's circuit store: one per process, built by the same
// factory as the workers', so it reads and writes the state turns use.
import type { TCircuitStore } from "../failover";
import { createEnvCircuitStore } from "../failover/env-circuit-store";
import { AppError } from "../errors";

const READY_TIMEOUT_MS = 2_000;

const globalForHealth = globalThis as unknown as { circuitStore?: ReturnType<typeof createEnvCircuitStore> };

// The connection fails fast rather than queueing, so wait (briefly) for it to
// be ready: the first request after boot must not fail for being first.
export async function sharedCircuitStore(): Promise<TCircuitStore> {
  globalForHealth.circuitStore ??= createEnvCircuitStore();
  const { redis, store } = globalForHealth.circuitStore;
  if (redis.status === "ready") return store;
  await new Promise<void>((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      reject(new AppError("UNAVAILABLE", "Provider health is unavailable right now: Redis cannot be reached."));
    }, READY_TIMEOUT_MS);
    redis.once("ready", onReady);
  });
  return store;
}
