import type { Job } from "bullmq";

import { pruneExpiredEvents } from "../../lib/activity/prune-events";
import { log } from "../../lib/log";
import { PRUNE_ACTIVITY } from "../../lib/queue/names";

// Daily: activity older than each organization's retention is deleted.
export async function processMaintenance(job: Job) {
  if (job.name !== PRUNE_ACTIVITY.job) throw new Error(`Unknown maintenance job "${job.name}"`);
  const started = performance.now();
  const pruned = await pruneExpiredEvents();
  const deleted = pruned.reduce((sum, p) => sum + p.deleted, 0);
  log.info({ job: job.name, deleted, organizations: pruned.length, ms: Math.round(performance.now() - started) }, "activity pruned");
  return { deleted };
}
