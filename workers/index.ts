// Worker process: registers the queue processors, and on SIGTERM stops taking
// jobs, lets the ones in flight finish, then exits.
import "dotenv/config";
import { Worker } from "bullmq";
import { assertEnvOrExit } from "../lib/env";
import { log } from "../lib/log";
import { QUEUES } from "../lib/queue/names";
import { workerConnection } from "../lib/queue/connections";
import { db } from "../lib/db/client";
import { processAgentControl } from "./processors/agent-control";

const env = assertEnvOrExit();

const workers = [new Worker(QUEUES.control, processAgentControl, { connection: workerConnection(), concurrency: env.WORKER_CONCURRENCY })];

for (const worker of workers) {
  worker.on("failed", (job, err) => log.error({ queue: worker.name, jobId: job?.id, err: { message: err.message } }, "job failed"));
  worker.on("error", (err) => log.error({ queue: worker.name, err: { message: err.message } }, "worker error"));
}
log.info({ queues: workers.map((w) => w.name), concurrency: env.WORKER_CONCURRENCY }, "worker ready");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "worker stopping: finishing jobs in flight");
  await Promise.all(workers.map((w) => w.close()));
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
