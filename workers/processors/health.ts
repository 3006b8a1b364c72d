import type { Job } from "bullmq";

import type { TCircuitStore } from "../../lib/failover";
import { log } from "../../lib/log";
import type { TFailTurnDeps } from "../../lib/turns/fail-turn";
import { probeOpenCircuits } from "../../lib/turns/probe-circuits";
import { reconcileTurns } from "../../lib/turns/reconcile-turns";

// One repeatable job does the housekeeping: probe open circuits so a
// recovered provider takes traffic back by itself, and reconcile turns:
// re-enqueue those left queued while Redis was down, end those running past
// their budget.
export function healthProcessor({ store, turns }: { store: TCircuitStore; turns: TFailTurnDeps }) {
  return async (job: Job) => {
    if (job.name !== "reconcile") return probeOpenCircuits({ store });
    const counts = await reconcileTurns({ deps: turns });
    // Quiet while there is nothing to do: it runs every 15 s.
    if (counts.requeued || counts.settledOverdue) log.info({ job: job.name, ...counts }, "turns reconciled");
    return counts;
  };
}
