import type { Job } from "bullmq";

import { applyControl } from "../../lib/agents/apply-control";
import { ZControlJob } from "../../lib/queue/names";

export async function processAgentControl(job: Job) {
  return applyControl(ZControlJob.parse(job.data));
}
