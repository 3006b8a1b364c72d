// The web process's circuit store: one per process, built by the same
// factory as the workers', so it reads and writes the state turns use.
import { AppError } from "../errors";
import type { TCircuitStore } from "../failover";
import { singleton } from "../singleton";
import { createEnvCircuitStore } from "./env-circuit-store";

const READY_TIMEOUT_MS = 2_000;

// The connection fails fast rather than queueing, so wait (briefly) for it to
// be ready: the first request after boot must not fail for being first.
export async function sharedCircuitStore(): Promise<TCircuitStore> {
  const { redis, store } = singleton("circuit-store", () => createEnvCircuitStore());
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
