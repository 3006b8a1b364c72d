import { DelayedError, type Job } from "bullmq";

import { ZTurnJob } from "../../lib/queue/names";
import { processTurn, type TProcessDeps } from "../../lib/turns/process-turn";
import { laneDelayMs, type TTurnLane } from "../../lib/turns/turn-lane";

export function turnsProcessor(deps: TProcessDeps, lane: TTurnLane) {
  return async (job: Job, token?: string) => {
    const entry = await lane.enter(ZTurnJob.parse(job.data));
    if (entry.kind === "gone") return { settled: false };
    if (entry.kind === "full") {
      // BullMQ's way to put back a job it is running: moveToDelayed counts
      // no attempt, and DelayedError tells the worker the job neither
      // completed nor failed. Every start counts in attemptsStarted, so the
      // difference is how often this turn has waited already.
      const deferred = job.attemptsStarted - job.attemptsMade - 1;
      await job.moveToDelayed(Date.now() + laneDelayMs(deferred), token);
      throw new DelayedError();
    }
    try {
      const outcome = await processTurn({ job: entry.job, deps });
      return { settled: outcome.settled };
    } finally {
      await entry.leave();
    }
  };
}
