import type { Job } from "bullmq";
import { ZTurnJob } from "../../lib/queue/names";
import { processTurn, type TProcessDeps } from "../../lib/turns/process-turn";

export function turnsProcessor(deps: TProcessDeps) {
  return async (job: Job) => {
    const { turnId } = ZTurnJob.parse(job.data);
    const outcome = await processTurn({ turnId, deps });
    return { settled: outcome.settled };
  };
}
