import type { Job } from "bullmq";
import { reconcileTurns } from "../../lib/turns/reconcile-turns";
import { probeOpenCircuits } from "../../lib/turns/probe-circuits";
import type { TCircuitStore } from "../../lib/failover";

// One repeatable job does the housekeeping: probe open circuits so a
// recovered provider takes traffic back by itself, and re-enqueue turns left
// queued while Redis was down.
export function healthProcessor({ store }: { store: TCircuitStore }) {
  return async (job: Job) => {
    if (job.name === "reconcile") return reconcileTurns();
    return probeOpenCircuits({ store });
  };
}
