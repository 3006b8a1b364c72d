"use server";
import { agentActions, type TAgentRef } from "@/app/_lib/define-action";
import { drillActionSpecs } from "@/lib/drills/drill-actions";
import { healthActionSpecs } from "@/lib/provider-health/health-actions";
import { sharedCircuitStore } from "@/lib/provider-health/shared-circuit-store";

// Provider health on the Overview tab: `target` names a link of the running
// chain by its credential and model; the server checks it belongs there.
const health = healthActionSpecs(sharedCircuitStore);
const overview = (ref: TAgentRef) => `/${ref.orgSlug}/agents/${ref.agentSlug}`;

export const resetHealthAction = agentActions.action({ ...health.reset, input: (target: unknown) => target, revalidate: overview });

export const probeNowAction = agentActions.action({ ...health.probe, input: (target: unknown) => target, revalidate: overview });

// The drill runs in a worker; the action waits a bounded time for its result.
export const runDrillAction = agentActions.action({ ...drillActionSpecs.run, input: () => ({}), revalidate: overview });

export const setDailyDrillAction = agentActions.action({ ...drillActionSpecs.daily, input: (enabled: boolean) => ({ enabled }), revalidate: overview });
