// The web's gauges of shared state, read at scrape time: each running
// agent's links' circuits and each queue's jobs. They describe Redis, not a
// process, so one process (the web) exposes them and the workers do not.
import { parseRuntime } from "../agents/runtime";
import { db } from "../db/client";
import { log } from "../log";
import { sharedCircuitStore } from "../provider-health/shared-circuit-store";
import { QUEUES } from "../queue/names";
import { jobCounts } from "../queue/producers";
import { singleton } from "../singleton";
import { circuitKeyOf } from "../turns/circuit-key";
import { scrapeGauge } from "./metrics";

const CIRCUIT_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

const warn = (gauge: string) => (error: unknown) =>
  log.warn({ gauge, err: { message: error instanceof Error ? error.message : String(error) } }, "metrics gauge could not be read");

// The operator's view across every organization (no tenant reads it): one
// series per credential and model a running agent's chain uses.
async function runningLinks() {
  const agents = await db.agent.findMany({ where: { status: "running" }, select: { orgId: true, runtime: true } });
  const links = new Map<string, { orgId: string; credentialId: string; model: string }>();
  for (const agent of agents) {
    for (const link of parseRuntime(agent.runtime)?.links ?? [])
      links.set(circuitKeyOf(link), { orgId: agent.orgId, credentialId: link.credentialId, model: link.model });
  }
  return links;
}

async function circuitStates() {
  const [links, store] = await Promise.all([runningLinks(), sharedCircuitStore()]);
  return Promise.all(
    [...links].map(async ([key, link]) => ({
      labels: { organization_id: link.orgId, credential_id: link.credentialId, model: link.model },
      value: CIRCUIT_VALUE[(await store.get(key)).state],
    })),
  );
}

async function queueJobs() {
  const perQueue = await Promise.all(Object.values(QUEUES).map(async (queue) => ({ queue, counts: await jobCounts(queue) })));
  return perQueue.flatMap(({ queue, counts }) => Object.entries(counts).map(([state, value]) => ({ labels: { queue, state }, value })));
}

export const registerStateGauges = () =>
  singleton("state-gauges", () => [
    scrapeGauge({
      name: "understudy_circuit_state",
      help: "Circuit of each link of a running agent: 0 closed, 1 half-open, 2 open",
      labelNames: ["organization_id", "credential_id", "model"] as const,
      read: circuitStates,
      onError: warn("understudy_circuit_state"),
    }),
    scrapeGauge({
      name: "understudy_queue_jobs",
      help: "Jobs on each queue by state: waiting, active, delayed",
      labelNames: ["queue", "state"] as const,
      read: queueJobs,
      onError: warn("understudy_queue_jobs"),
    }),
  ]);
