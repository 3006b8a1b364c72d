// One thread of the schema-check pool (schema-pool.ts): compiles callers'
// schemas and judges values against them, off the worker's event loop.
// Compiled schemas stay in this thread's own bounded cache (json-schema.ts),
// and go with the thread when a check outlives its time limit.
import { parentPort } from "node:worker_threads";

import { schemaVerdict } from "../failover/json-schema";
import { THREAD_READY } from "../threads/thread-pool";
import type { TSchemaTask } from "./schema-pool";

const port = parentPort;
if (!port) throw new Error("schema-thread.ts runs on a worker thread; schema-pool.ts starts it");

port.on("message", ({ schema, value }: TSchemaTask) => port.postMessage(schemaVerdict(schema, value)));
// The first compile loads and warms ajv's code generator (100 to 200 ms
// here): done before the thread says it is ready, so no caller's time limit
// pays for it.
schemaVerdict({ type: "object", properties: { warm: { type: "string" } } }, {});
port.postMessage(THREAD_READY);
