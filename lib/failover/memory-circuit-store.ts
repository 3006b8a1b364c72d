// Circuit store for one process (unit tests, single-worker development).
// Updates are atomic because `change` runs synchronously between awaits.
import type { TCircuitParams, TCircuitState } from "./circuit";
import { circuitStoreOver, resolveCircuitParams, type TCircuitStore } from "./circuit-store";

export function createMemoryCircuitStore(params?: Partial<TCircuitParams>): TCircuitStore {
  const states = new Map<string, TCircuitState>();
  return circuitStoreOver(
    {
      read: async (key) => states.get(key),
      update: async (key, change) => {
        const { next, value } = change(states.get(key));
        if (next) states.set(key, next);
        return value;
      },
      remove: async (key) => {
        states.delete(key);
      },
      listOpen: async () => [...states].filter(([, state]) => state.state !== "closed").map(([key, state]) => ({ key, state })),
    },
    resolveCircuitParams(params),
  );
}
