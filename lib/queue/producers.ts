import { randomUUID } from "node:crypto";

import { Queue } from "bullmq";

import { AppError } from "../errors";
import { log } from "../log";
import { activeTraceparent } from "../observability/trace-context";
import { singleton } from "../singleton";
import { producerConnection, queuePrefix } from "./connections";
import {
  ALERT_JOBS,
  DELIVERY_RETRY,
  QUEUES,
  type TControlJob,
  type TDeliveryJob,
  type TDrillJob,
  type TTurnJob,
  ZControlJob,
  ZDeliveryJob,
  ZDrillJob,
  ZTurnJob,
} from "./names";

function queue(name: string) {
  const queues = singleton("queues", () => new Map<string, Queue>());
  let q = queues.get(name);
  if (!q) {
    q = new Queue(name, { connection: producerConnection(), prefix: queuePrefix() });
    // Without a listener an unreachable Redis prints a bare stack per reconnect.
    q.on("error", (error) => log.warn({ queue: name, err: { message: error.message } }, "job queue connection failed"));
    queues.set(name, q);
  }
  return q;
}

const unavailable = (error: unknown) =>
  new AppError("UNAVAILABLE", `The job queue is unavailable (${error instanceof Error ? error.message : "Redis"}). Try again in a moment.`);

// The turn id is the job id: a turn enqueued twice (reconciler, retry) is one job.
// The request's trace goes along (an id), so the worker's turn span joins it.
export async function enqueueTurn(job: TTurnJob) {
  const payload = ZTurnJob.parse({ ...job, ...activeTraceparent() });
  try {
    await queue(QUEUES.turns).add("turn", payload, {
      jobId: payload.turnId,
      attempts: 3,
      backoff: { type: "exponential", delay: 1000 },
      removeOnComplete: { age: 3600, count: 10_000 },
      // Bounded by count too: a day of failures must not pile up without end.
      removeOnFail: { age: 24 * 3600, count: 10_000 },
    });
  } catch (error) {
    throw unavailable(error);
  }
}

// The reconciler's way onto the queue for a turn still queued. Adding its id
// again does nothing while a job of that id exists, so a job that used up its
// attempts before its turn could be settled (PostgreSQL was down at the
// time) is retried, or the turn would wait until that job is cleaned up.
export async function requeueTurn(job: TTurnJob) {
  await enqueueTurn(job);
  try {
    const existing = await queue(QUEUES.turns).getJob(job.turnId);
    if (existing && (await existing.isFailed())) await existing.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
  } catch (error) {
    throw unavailable(error);
  }
}

// Jobs waiting, running and delayed (retries, and turns over their
// organization's cap) on one queue, for the metrics scrape.
export const jobCounts = (name: string) => queue(name).getJobCounts("waiting", "active", "delayed");

export async function enqueueControl(job: TControlJob) {
  const payload = ZControlJob.parse(job);
  try {
    await queue(QUEUES.control).add(payload.action, payload, {
      jobId: `${payload.agentId}-${payload.action}-${randomUUID()}`,
      attempts: 3,
      backoff: { type: "exponential", delay: 500 },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
  } catch (error) {
    throw unavailable(error);
  }
}

// Not retried: a drill makes real, paid calls, and a drill that failed half
// way says so in its own event. The drill id is the job id.
export async function enqueueDrill(job: TDrillJob) {
  const payload = ZDrillJob.parse(job);
  try {
    await queue(QUEUES.drills).add("drill", payload, { jobId: payload.drillId, attempts: 1, removeOnComplete: 1000, removeOnFail: 5000 });
  } catch (error) {
    throw unavailable(error);
  }
}

// The delivery id is the job id: a delivery handed over twice is one job.
export async function enqueueDelivery(job: TDeliveryJob) {
  const payload = ZDeliveryJob.parse(job);
  try {
    await queue(QUEUES.alerts).add(ALERT_JOBS.deliver, payload, {
      jobId: payload.deliveryId,
      ...DELIVERY_RETRY,
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
    });
  } catch (error) {
    throw unavailable(error);
  }
}
