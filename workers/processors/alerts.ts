import { type Job, UnrecoverableError } from "bullmq";

import { deliverAlert } from "../../lib/alerts/deliver";
import { requeueStranded } from "../../lib/alerts/deliveries";
import { SCAN_BATCH, scanAlerts } from "../../lib/alerts/scan-alerts";
import { log } from "../../lib/log";
import { ALERT_JOBS, ZDeliveryJob } from "../../lib/queue/names";

// A backlog (workers were down) is read a batch at a time, a few batches per
// run, so one run never holds the cursor for long.
const BATCHES_PER_RUN = 10;

async function scan() {
  const totals = { events: 0, opened: 0, resolved: 0, deliveries: 0 };
  for (let i = 0; i < BATCHES_PER_RUN; i += 1) {
    const result = await scanAlerts();
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += result[key];
    if (result.skipped || result.events < SCAN_BATCH) break;
  }
  await requeueStranded();
  if (totals.opened || totals.resolved) log.info(totals, "alerts scanned");
  return totals;
}

async function deliver(job: Job) {
  const { orgId, deliveryId } = ZDeliveryJob.parse(job.data);
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const outcome = await deliverAlert({ orgId, deliveryId, lastAttempt });
  if (outcome.kind !== "sent" || outcome.result.ok) return outcome.kind;
  log.warn({ deliveryId, statusCode: outcome.result.statusCode, error: outcome.result.error, final: outcome.final }, "alert delivery failed");
  // Thrown so BullMQ retries it with backoff; a permanent refusal is not retried.
  if (outcome.result.permanent) throw new UnrecoverableError(outcome.result.error);
  throw new Error(outcome.result.error);
}

export async function processAlerts(job: Job) {
  if (job.name === ALERT_JOBS.scan) return scan();
  if (job.name === ALERT_JOBS.deliver) return deliver(job);
  throw new Error(`Unknown alerts job "${job.name}"`);
}
