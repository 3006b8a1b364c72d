// Where circuit state lives. Backends only provide an atomic update of one
// key; the rules are the pure functions of circuit.ts, applied here once for
// every backend.
import {
  DEFAULT_CIRCUIT_PARAMS,
  initialCircuit,
  onFailure,
  onSuccess,
  takeProbe,
  type TCircuitEvent,
  type TCircuitFailure,
  type TCircuitParams,
  type TCircuitState,
} from "./circuit";

export type TOpenCircuit = { key: string; state: TCircuitState };

export type TCircuitStore = {
  get(key: string): Promise<TCircuitState>;
  // Atomic: of all callers racing for a half-open circuit, one gets true.
  // A closed circuit lets everyone through.
  acquireProbe(key: string, now: number): Promise<boolean>;
  recordSuccess(key: string, now: number): Promise<TCircuitEvent[]>;
  recordFailure(input: TCircuitFailure & { key: string; now: number }): Promise<TCircuitEvent[]>;
  // Forget a circuit, e.g. after its credential was replaced.
  reset(key: string): Promise<void>;
  // Circuits that are open or half-open, for the background prober.
  listOpen(): Promise<TOpenCircuit[]>;
};

export type TCircuitChange<T> = (current: TCircuitState | undefined) => {
  // Undefined: nothing to write.
  next?: TCircuitState;
  value: T;
};

export type TCircuitBackend = {
  read(key: string): Promise<TCircuitState | undefined>;
  // Runs `change` on the current state and writes `next` with no other
  // writer in between; `change` may run more than once, so it must be pure.
  update<T>(key: string, change: TCircuitChange<T>): Promise<T>;
  remove(key: string): Promise<void>;
  listOpen(): Promise<TOpenCircuit[]>;
};

export function resolveCircuitParams(params?: Partial<TCircuitParams>): TCircuitParams {
  return { ...DEFAULT_CIRCUIT_PARAMS, ...params };
}

export function circuitStoreOver(backend: TCircuitBackend, params: TCircuitParams): TCircuitStore {
  // The pure functions return the very same object when nothing changes, and
  // then nothing is written. A plain read decides that first: the answer is
  // exact for the state read, so on the healthy path (a success on a closed
  // circuit, a probe of a closed one) a call costs one GET, with no WATCH and
  // no waiting behind other turns' updates. Only a change goes through the
  // backend's atomic update, which runs the step again on the fresh state.
  const plan = <T>(current: TCircuitState | undefined, step: (state: TCircuitState) => { state: TCircuitState; value: T }) => {
    const before = current ?? initialCircuit(params);
    const { state, value } = step(before);
    return { next: state === before ? undefined : state, value };
  };
  const apply = async <T>(key: string, step: (state: TCircuitState) => { state: TCircuitState; value: T }) => {
    const quick = plan(await backend.read(key), step);
    return quick.next ? backend.update(key, (current) => plan(current, step)) : quick.value;
  };
  return {
    get: async (key) => (await backend.read(key)) ?? initialCircuit(params),
    acquireProbe: (key, now) =>
      apply(key, (state) => {
        const probe = takeProbe({ state, now, params });
        return { state: probe.state, value: probe.granted };
      }),
    recordSuccess: (key, now) =>
      apply(key, (state) => {
        const transition = onSuccess({ state, now, params });
        return { state: transition.state, value: transition.events };
      }),
    recordFailure: ({ key, now, ...failure }) =>
      apply(key, (state) => {
        const transition = onFailure({ state, failure, now, params });
        return { state: transition.state, value: transition.events };
      }),
    reset: (key) => backend.remove(key),
    listOpen: () => backend.listOpen(),
  };
}
