import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import { AppError } from "../errors";
import { producerConnection } from "./connections";
import { QUEUES, ZControlJob, type TControlJob } from "./names";

const globalForQueues = globalThis as unknown as { controlQueue?: Queue };

function controlQueue() {
  globalForQueues.controlQueue ??= new Queue(QUEUES.control, { connection: producerConnection() });
  return globalForQueues.controlQueue;
}

export async function enqueueControl(job: TControlJob) {
  const payload = ZControlJob.parse(job);
  try {
    await controlQueue().add(payload.action, payload, {
      jobId: `${payload.agentId}-${payload.action}-${randomUUID()}`,
      attempts: 3,
      backoff: { type: "exponential", delay: 500 },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
  } catch (error) {
    throw new AppError("UNAVAILABLE", `The job queue is unavailable (${error instanceof Error ? error.message : "Redis"}). Try again in a moment.`);
  }
}
