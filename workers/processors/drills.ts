import type { Job } from "bullmq";

import { enqueueDailyDrills } from "../../lib/drills/daily-drills";
import { runDrill, type TDrillDeps } from "../../lib/drills/run-drill";
import { log } from "../../lib/log";
import { DAILY_DRILLS, ZDrillJob } from "../../lib/queue/names";

// The drills queue carries one job per drill, and once a day the job that
// enqueues the daily ones.
export function drillsProcessor(deps: TDrillDeps) {
  return async (job: Job) => {
    if (job.name === DAILY_DRILLS.job) {
      const counts = await enqueueDailyDrills();
      log.info(counts, "daily drills enqueued");
      return counts;
    }
    const payload = ZDrillJob.parse(job.data);
    const data = await runDrill({ job: payload, deps });
    log.info({ orgId: payload.orgId, agentId: payload.agentId, drillId: payload.drillId, passed: data.passed }, "failover drill ran");
    return { passed: data.passed };
  };
}
