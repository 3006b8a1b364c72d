import type { Job } from "bullmq";
import { ZTurnJob } from "../../lib/queue/names";
import { processTurn, type TProcessDeps } from "../../lib/turns/process-turn";

export function turnsProcessor(deps: TProcessDeps) {
  return async (job: Job) => {
    const outcome = await processTurn({ job: ZTurnJob.parse(job.data), deps });
    return { settled: outcome.settled };
  };
}
