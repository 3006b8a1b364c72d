import type { TAgentScope } from "../agents/agent-scope";
import { linkName, type TRuntime } from "../agents/runtime";
import { timed } from "../db/timed";
import { AppError } from "../errors";
import type { TCircuitStore } from "../failover";
import { log } from "../log";
import { describeOutcome } from "../providers/describe-outcome";
import { linkCalls } from "../stats/link-calls";
import { lastHourWindow } from "../stats/range";
import { circuitKeyOf } from "../turns/circuit-key";
import { healthStatus } from "./health-status";

// Each link of the running chain with its circuit (shared by every agent
// using that credential and model) and this agent's calls to it in the last hour.
export async function readProviderHealth({
  orgId,
  agentId,
  runtime,
  store,
  now = new Date(),
}: TAgentScope & { runtime: TRuntime; store: TCircuitStore; now?: Date }) {
  const [states, calls] = await Promise.all([
    timed("overview.circuits", () => Promise.all(runtime.links.map((l) => store.get(circuitKeyOf(l))))),
    linkCalls({ orgId, agentId, window: lastHourWindow(now) }),
  ]);
  return runtime.links.map((link, index) => {
    const state = states[index]!;
    const used = calls.find((c) => c.label === link.label && c.model === link.model);
    return {
      role: linkName(index),
      credentialId: link.credentialId,
      label: link.label,
      vendor: link.vendor,
      model: link.model,
      status: healthStatus(state, now.getTime()),
      lastError: state.lastError ? { words: describeOutcome(state.lastError.outcome, state.lastError.status), at: state.lastError.at } : null,
      calls: used?.calls ?? 0,
      failures: used?.failures ?? 0,
    };
  });
}
export type TLinkHealth = Awaited<ReturnType<typeof readProviderHealth>>[number];

export type TAgentHealth = { kind: "not_started" } | { kind: "unavailable"; message: string } | { kind: "ready"; links: TLinkHealth[]; now: number };

// For the page: no chain yet, Redis out of reach, or the links' health. The
// store is opened only when there is a chain to read.
export async function agentHealth({
  orgId,
  agentId,
  runtime,
  store,
  now = new Date(),
}: TAgentScope & { runtime: TRuntime | null; store: () => Promise<TCircuitStore>; now?: Date }): Promise<TAgentHealth> {
  if (!runtime) return { kind: "not_started" };
  try {
    return { kind: "ready", links: await readProviderHealth({ orgId, agentId, runtime, store: await store(), now }), now: now.getTime() };
  } catch (error) {
    log.warn({ agentId, err: { message: error instanceof Error ? error.message : String(error) } }, "provider health unavailable");
    return { kind: "unavailable", message: error instanceof AppError ? error.message : "Provider health is unavailable right now. Try again in a moment." };
  }
}
