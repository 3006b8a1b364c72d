// The repeatable housekeeping jobs, and how many finished jobs every queue
// keeps. Redis runs with noeviction: a queue that kept each finished job
// (the schedules alone made about 15,000 a day) would fill it, and a full
// Redis stops sign-in limits and queues alike.
import type { Queue } from "bullmq";

import { ALERT_JOBS, DAILY_DRILLS, PRUNE_ACTIVITY } from "./names";

// Enough to look into what ran lately and why something failed, never a
// growing pile: whichever of count and age (seconds) is reached first.
export const KEEP_JOBS = {
  removeOnComplete: { count: 100, age: 24 * 3600 },
  removeOnFail: { count: 1000, age: 7 * 24 * 3600 },
};

export const SCHEDULES = { probe: "probe-open-circuits", reconcile: "reconcile-turns", alerts: "scan-alerts" } as const;
const RECONCILE_EVERY_MS = 15_000;

// Every worker upserts the same schedulers, so any number of processes run
// each job once; an upsert also replaces the template an older version left.
export async function upsertSchedules({
  health,
  maintenance,
  drills,
  alerts,
  probeEveryMs,
  alertScanEveryMs,
  reconcileEveryMs = RECONCILE_EVERY_MS,
}: {
  health: Queue;
  maintenance: Queue;
  drills: Queue;
  alerts: Queue;
  probeEveryMs: number;
  alertScanEveryMs: number;
  reconcileEveryMs?: number;
}) {
  const opts = KEEP_JOBS;
  await health.upsertJobScheduler(SCHEDULES.probe, { every: probeEveryMs }, { name: "probe", opts });
  await health.upsertJobScheduler(SCHEDULES.reconcile, { every: reconcileEveryMs }, { name: "reconcile", opts });
  // 0: this process schedules no scan (the test suite's workers, which share one database, leave it to the alert tests).
  if (alertScanEveryMs > 0) await alerts.upsertJobScheduler(SCHEDULES.alerts, { every: alertScanEveryMs }, { name: ALERT_JOBS.scan, opts });
  await maintenance.upsertJobScheduler(PRUNE_ACTIVITY.scheduler, { pattern: PRUNE_ACTIVITY.pattern }, { name: PRUNE_ACTIVITY.job, opts });
  await drills.upsertJobScheduler(DAILY_DRILLS.scheduler, { pattern: DAILY_DRILLS.pattern }, { name: DAILY_DRILLS.job, opts });
}
