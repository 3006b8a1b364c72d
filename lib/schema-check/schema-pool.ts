// Callers' JSON Schemas are checked on a pool of threads with a time limit
// (SCHEMA_CHECK_THREADS, SCHEMA_CHECK_TIMEOUT_MS): a schema built to take
// for ever stops its own check, never the worker's event loop, which every
// tenant's turns share. The failover engine takes `check` as a dependency.
import { env } from "../env";
import { TOO_LARGE } from "../failover/json-schema";
import type { TSchemaCheck, TSchemaVerdict } from "../failover/types";
import { singleton } from "../singleton";
import { createThreadPool, ThreadTimeoutError } from "../threads/thread-pool";
import { startTypescriptWorker } from "../threads/typescript-worker";

export type TSchemaTask = Parameters<TSchemaCheck>[0];

export type TSchemaPool = { check: TSchemaCheck; close: () => Promise<void> };

export function createSchemaPool({ threads, timeoutMs }: { threads: number; timeoutMs: number }): TSchemaPool {
  const pool = createThreadPool<TSchemaTask, TSchemaVerdict>({
    start: () => startTypescriptWorker(new URL("./schema-thread.ts", import.meta.url)),
    threads,
    timeoutMs,
  });
  const check: TSchemaCheck = async (task) => {
    try {
      return await pool.run(task);
    } catch (error) {
      if (error instanceof ThreadTimeoutError) return { kind: "timed_out", limitMs: error.limitMs };
      // A value nested too deep to copy to a thread is too deep for ajv as
      // well: judged as a check in this thread would judge it.
      if (error instanceof RangeError) return { kind: "invalid", problem: TOO_LARGE };
      throw error;
    }
  };
  return { check, close: pool.close };
}

// One pool per worker process, shared by its turns and drills.
export const schemaPool = (): TSchemaPool =>
  singleton("schema-pool", () => createSchemaPool({ threads: env().SCHEMA_CHECK_THREADS, timeoutMs: env().SCHEMA_CHECK_TIMEOUT_MS }));
