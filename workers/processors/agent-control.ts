import type { Job } from "bullmq";
import { ZControlJob } from "../../lib/queue/names";
import { applyControl } from "../../lib/agents/apply-control";

export async function processAgentControl(job: Job) {
  return applyControl(ZControlJob.parse(job.data));
}
