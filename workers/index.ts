// Worker process: registers the queue processors, and on SIGTERM stops taking
// jobs, lets the ones in flight finish, then exits.
import "dotenv/config";

import { Job, Queue, Worker } from "bullmq";

import { deliverySlots } from "../lib/alerts/delivery-slots";
import { assertMasterKeyOrExit } from "../lib/crypto/master-key-check";
import { db } from "../lib/db/client";
import { assertEnvOrExit } from "../lib/env";
import { log } from "../lib/log";
import { startMetricsServer } from "../lib/observability/metrics-server";
import { tracingFromEnv } from "../lib/observability/tracing-from-env";
import { createEnvCircuitStore } from "../lib/provider-health/env-circuit-store";
import { createRedis, queuePrefix } from "../lib/queue/connections";
import { QUEUES, TURNS_SETTLED_CHANNEL } from "../lib/queue/names";
import { KEEP_JOBS, upsertSchedules } from "../lib/queue/schedules";
import { failGivenUpTurn } from "../lib/turns/fail-turn";
import { turnLane } from "../lib/turns/turn-lane";
import { turnSlots } from "../lib/turns/turn-slots";
import { processAgentControl } from "./processors/agent-control";
import { alertsProcessor } from "./processors/alerts";
import { drillsProcessor } from "./processors/drills";
import { healthProcessor } from "./processors/health";
import { processMaintenance } from "./processors/maintenance";
import { turnsProcessor } from "./processors/turns";

const env = assertEnvOrExit();
// A wrong MASTER_KEY stops the worker here, before a turn or a probe opens a key.
await assertMasterKeyOrExit();
const tracing = await tracingFromEnv(env);

const { store, redis: healthRedis } = createEnvCircuitStore(env);
const publisher = createRedis("worker");
const streams = createRedis("request");
const turnDeps = {
  store,
  streams,
  publish: (turnId: string) => publisher.publish(TURNS_SETTLED_CHANNEL, turnId),
  onStoreError: (err: unknown) => log.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, "circuit store unavailable"),
  onStreamError: (err: unknown) => log.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, "turn stream write failed"),
};

// A killed worker's turn is picked up by another within a few seconds; the
// lock is renewed while a turn runs, however long its providers take.
const TURN_LOCK = { lockDuration: 10_000, stalledInterval: 5_000 };
const prefix = queuePrefix();
// Fail-fast like the stream writes: a slot's renewal that cannot be made is
// reported, and its lease bounds the harm.
const lane = turnLane({
  slots: turnSlots({
    redis: streams,
    leaseMs: env.TURN_SLOT_LEASE_MS,
    onError: (err: unknown) => log.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, "turn slot renewal or release failed"),
  }),
  defaultCap: env.ORG_MAX_TURNS_IN_FLIGHT,
  wake: async (turnId) => {
    const waiting = await Job.fromId(turnsWorker, turnId);
    await waiting?.promote();
  },
});

const turnsWorker = new Worker(QUEUES.turns, turnsProcessor(turnDeps, lane), {
  connection: createRedis("worker"),
  prefix,
  ...KEEP_JOBS,
  concurrency: env.WORKER_CONCURRENCY,
  ...TURN_LOCK,
});
const workers = [
  turnsWorker,
  new Worker(QUEUES.control, processAgentControl, { connection: createRedis("worker"), prefix, ...KEEP_JOBS, concurrency: 4 }),
  new Worker(QUEUES.health, healthProcessor({ store, turns: turnDeps }), { connection: createRedis("worker"), prefix, ...KEEP_JOBS, concurrency: 1 }),
  new Worker(QUEUES.maintenance, processMaintenance, { connection: createRedis("worker"), prefix, ...KEEP_JOBS, concurrency: 1 }),
  new Worker(QUEUES.drills, drillsProcessor({ store, onStoreError: turnDeps.onStoreError }), {
    connection: createRedis("worker"),
    prefix,
    ...KEEP_JOBS,
    concurrency: 4,
  }),
  // Deliveries wait on receivers (up to 10 s each), at most
  // ORG_MAX_ALERT_DELIVERIES_IN_FLIGHT of one organization at once; the scan takes its own lock.
  new Worker(QUEUES.alerts, alertsProcessor({ slots: deliverySlots({ redis: streams }), cap: env.ORG_MAX_ALERT_DELIVERIES_IN_FLIGHT }), {
    connection: createRedis("worker"),
    prefix,
    ...KEEP_JOBS,
    concurrency: 8,
  }),
];

for (const worker of workers) {
  worker.on("failed", (job, err) => log.error({ queue: worker.name, jobId: job?.id, err: { message: err.message } }, "job failed"));
  worker.on("error", (err) => log.error({ queue: worker.name, err: { message: err.message } }, "worker error"));
}
// A turn whose job has no retry left is settled as failed, or it would stay
// running: its API caller gets a 502 and the chat shows the error.
workers
  .find((w) => w.name === QUEUES.turns)
  ?.on("failed", (job) => {
    if (!job) return;
    failGivenUpTurn({ job, deps: turnDeps }).catch((err: unknown) =>
      log.error({ jobId: job.id, err: { message: err instanceof Error ? err.message : String(err) } }, "could not settle a turn whose job gave up"),
    );
  });

// Repeatable housekeeping (lib/queue/schedules.ts). A Redis restarted empty
// loses the schedules with everything else, and with them the reconciler that
// re-enqueues the turns whose jobs it lost: they are upserted again each time
// the connection is back.
const scheduling = createRedis("worker");
const healthQueue = new Queue(QUEUES.health, { connection: scheduling, prefix });
const maintenanceQueue = new Queue(QUEUES.maintenance, { connection: scheduling, prefix });
const drillsQueue = new Queue(QUEUES.drills, { connection: scheduling, prefix });
const alertsQueue = new Queue(QUEUES.alerts, { connection: scheduling, prefix });
const schedule = () =>
  upsertSchedules({
    health: healthQueue,
    maintenance: maintenanceQueue,
    drills: drillsQueue,
    alerts: alertsQueue,
    probeEveryMs: env.HEALTH_PROBE_INTERVAL_MS,
    alertScanEveryMs: env.ALERT_SCAN_INTERVAL_MS,
  });
await schedule();
scheduling.on("ready", () => {
  schedule().catch((err: unknown) =>
    log.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, "could not schedule the housekeeping jobs again"),
  );
});

// Prometheus scrapes each worker on its own port; a port that cannot be had
// stops the worker, as any other bad setting does.
const metricsServer = env.METRICS_TOKEN ? await serveMetrics(env.METRICS_TOKEN) : undefined;
async function serveMetrics(token: string) {
  try {
    const server = await startMetricsServer({ host: env.METRICS_HOST, port: env.METRICS_PORT, token });
    log.info({ host: env.METRICS_HOST, port: server.port }, "metrics server listening");
    return server;
  } catch (err) {
    log.fatal(
      { host: env.METRICS_HOST, port: env.METRICS_PORT, err: { message: err instanceof Error ? err.message : String(err) } },
      "metrics server could not start",
    );
    process.exit(1);
  }
}

log.info({ queues: workers.map((w) => w.name), concurrency: env.WORKER_CONCURRENCY }, "worker ready");

// Closing waits for the jobs in flight, and for Redis and PostgreSQL to take
// the last writes: with either unreachable it would wait for ever, so the
// stop is bounded. A turn still running then is handed back: its job's lock
// lapses and another worker takes it over, continuing the answer. A second
// signal (Ctrl-C sends SIGINT to the whole group, then `npm start` sends
// SIGTERM) changes nothing.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const timeoutSeconds = env.WORKER_STOP_TIMEOUT_SECONDS;
  log.info({ signal, timeoutSeconds }, "worker stopping: finishing jobs in flight");
  setTimeout(() => {
    log.warn({ timeoutSeconds }, "worker stop timed out: jobs still in flight are handed back to other workers");
    process.exit(1);
  }, timeoutSeconds * 1000);
  await Promise.all(workers.map((w) => w.close()));
  await metricsServer?.close();
  // The last spans (those of the turns just finished) go out before the exit.
  await tracing?.shutdown().catch(() => undefined);
  await healthQueue.close();
  await maintenanceQueue.close();
  await drillsQueue.close();
  await alertsQueue.close();
  publisher.disconnect();
  streams.disconnect();
  healthRedis.disconnect();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
