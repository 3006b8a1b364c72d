import { DelayedError, type Job, UnrecoverableError } from "bullmq";

import { deliverAlert } from "../../lib/alerts/deliver";
import { requeueStranded } from "../../lib/alerts/deliveries";
import type { TDeliverySlots } from "../../lib/alerts/delivery-slots";
import { SCAN_BATCH, scanAlerts } from "../../lib/alerts/scan-alerts";
import { log } from "../../lib/log";
import { ALERT_JOBS, ZDeliveryJob } from "../../lib/queue/names";
import { laneDelayMs } from "../../lib/turns/turn-lane";

// A backlog (workers were down) is read a batch at a time, a few batches per
// run, so one run never holds the cursor for long.
const BATCHES_PER_RUN = 10;

type TAlertsDeps = { slots: TDeliverySlots; cap: number };

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

async function deliver(job: Job, token: string | undefined, { slots, cap }: TAlertsDeps) {
  const { orgId, deliveryId } = ZDeliveryJob.parse(job.data);
  const release = await slots.hold({ orgId, deliveryId, cap });
  if (!release) {
    // Over the organization's cap: back to the delayed set without spending
    // an attempt, as a turn over its cap does (workers/processors/turns.ts).
    const deferred = job.attemptsStarted - job.attemptsMade - 1;
    await job.moveToDelayed(Date.now() + laneDelayMs(deferred), token);
    throw new DelayedError();
  }
  try {
    return await attemptDelivery(job, { orgId, deliveryId });
  } finally {
    await release();
  }
}

async function attemptDelivery(job: Job, { orgId, deliveryId }: { orgId: string; deliveryId: string }) {
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const outcome = await deliverAlert({ orgId, deliveryId, lastAttempt });
  if (outcome.kind !== "sent" || outcome.result.ok) return outcome.kind;
  log.warn({ deliveryId, statusCode: outcome.result.statusCode, error: outcome.result.error, final: outcome.final }, "alert delivery failed");
  // Thrown so BullMQ retries it with backoff; a permanent refusal is not retried.
  if (outcome.result.permanent) throw new UnrecoverableError(outcome.result.error);
  throw new Error(outcome.result.error);
}

export function alertsProcessor(deps: TAlertsDeps) {
  return async (job: Job, token?: string) => {
    if (job.name === ALERT_JOBS.scan) return scan();
    if (job.name === ALERT_JOBS.deliver) return deliver(job, token, deps);
    throw new Error(`Unknown alerts job "${job.name}"`);
  };
}
