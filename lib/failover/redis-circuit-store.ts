// Circuit store shared by every worker process through Redis.
//
// Updates are optimistic WATCH/MULTI loops that call the pure functions of
// circuit.ts, rather than a Lua script: a script would be a second copy of the
// rules in another language, and the two would drift. If another worker
// writes the key between our read and our EXEC, EXEC returns null and we run
// the pure step again on the fresh state, so no failure count is lost and
// only one worker can move a circuit to half-open.
import type { Redis } from "ioredis";

import { type TCircuitParams, type TCircuitState, ZCircuitState } from "./circuit";
import { circuitStoreOver, resolveCircuitParams, type TCircuitBackend, type TCircuitChange, type TCircuitStore, type TOpenCircuit } from "./circuit-store";

type TRedisCircuitStoreOptions = {
  // Give the store a connection of its own (e.g. `redis.duplicate()`) that
  // fails fast rather than queueing for ever: WATCH belongs to a connection,
  // and another user's EXEC or UNWATCH would silently drop ours.
  redis: Redis;
  prefix?: string;
  params?: Partial<TCircuitParams>;
  // Every write refreshes the expiry; a circuit nobody touches for this long
  // is forgotten (closed), so stale state cannot live for ever.
  ttlMs?: number;
  maxConflictRetries?: number;
};

const DEFAULT_PREFIX = "understudy:circuit:";
const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MAX_CONFLICT_RETRIES = 50;

export function createRedisCircuitStore(options: TRedisCircuitStoreOptions): TCircuitStore {
  const params = resolveCircuitParams(options.params);
  return circuitStoreOver(redisBackend(options), params);
}

function redisBackend(options: TRedisCircuitStoreOptions): TCircuitBackend {
  const { redis } = options;
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const maxRetries = options.maxConflictRetries ?? DEFAULT_MAX_CONFLICT_RETRIES;
  const stateKey = (key: string) => `${prefix}state:${key}`;
  // Index of circuits that are not closed, so listing them needs no SCAN.
  const openKey = `${prefix}open`;
  // EXEC and UNWATCH clear every key the connection watches, so two
  // interleaved transactions on one connection would both commit. Within a
  // process they take turns; across processes WATCH does the work.
  const serial = createSerialQueue();

  return {
    read: async (key) => parseState(await redis.get(stateKey(key))),
    update: (key, change) =>
      serial(async () => {
        for (let attempt = 0; attempt < maxRetries; attempt += 1) {
          await redis.watch(stateKey(key));
          const planned = await readAndPlan(redis, stateKey(key), change);
          if (!planned.next) {
            await redis.unwatch();
            return planned.value;
          }
          const tx = redis.multi().set(stateKey(key), JSON.stringify(planned.next), "PX", ttlMs);
          if (planned.next.state === "closed") tx.srem(openKey, key);
          else tx.sadd(openKey, key).pexpire(openKey, ttlMs);
          if ((await tx.exec()) !== null) return planned.value;
          await jitter(attempt);
        }
        throw new Error(`circuit ${key}: gave up after ${maxRetries} conflicting updates`);
      }),
    remove: (key) =>
      serial(async () => {
        await redis.multi().del(stateKey(key)).srem(openKey, key).exec();
      }),
    listOpen: () => serial(() => listOpen({ redis, openKey, stateKey })),
  };
}

async function readAndPlan<T>(redis: Redis, key: string, change: TCircuitChange<T>): Promise<ReturnType<TCircuitChange<T>>> {
  try {
    return change(parseState(await redis.get(key)));
  } catch (error) {
    await redis.unwatch();
    throw error;
  }
}

async function listOpen(input: { redis: Redis; openKey: string; stateKey: (key: string) => string }): Promise<TOpenCircuit[]> {
  const { redis, openKey, stateKey } = input;
  const members = await redis.smembers(openKey);
  if (members.length === 0) return [];
  // Watched so that pruning below cannot drop a circuit another worker
  // opens in the meantime.
  await redis.watch(members.map(stateKey));
  const raws = await redis.mget(members.map(stateKey));
  const open: TOpenCircuit[] = [];
  const expired: string[] = [];
  members.forEach((key, index) => {
    const raw = raws[index];
    if (raw === null || raw === undefined) expired.push(key);
    const state = parseState(raw);
    if (state && state.state !== "closed") open.push({ key, state });
  });
  if (expired.length === 0) await redis.unwatch();
  // A conflict only postpones the pruning to the next listing.
  else
    await redis
      .multi()
      .srem(openKey, ...expired)
      .exec();
  return open;
}

function parseState(raw: string | null | undefined): TCircuitState | undefined {
  if (!raw) return undefined;
  try {
    const parsed = ZCircuitState.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Unreadable state is treated as no state: a closed circuit.
    return undefined;
  }
}

function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}

// Spreads out workers that keep colliding on the same circuit.
function jitter(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(2 ** attempt, 50);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
