// Runs in the worker: answers one turn through the failover engine and
// writes the answer, its attempts and its events in one transaction keyed by
// the turn id, so a re-delivered or re-run job never yields a second answer.
import { db } from "../db/client";
import { chat } from "../providers/chat";
import { classifyResult } from "../providers/error-map";
import { ProviderError } from "../providers/provider-error";
import { createBuiltinToolbox, runTurn, ZBuiltinToolName, type TCircuitStore, type TFailure, type TTurnResult } from "../failover";
import { parseRuntime } from "../agents/runtime";
import { loadHistory } from "./load-history";
import { parseCircuitKey, runtimeLinks } from "./runtime-links";
import { toRow } from "./submit-turn";
import { turnEvents } from "./turn-events";
import type { TTurnJob } from "../queue/names";

export type TProcessDeps = { store: TCircuitStore; publish: (turnId: string) => Promise<unknown>; onStoreError?: (error: unknown) => void };

export function classifyError(error: unknown): TFailure {
  if (error instanceof ProviderError) return { outcome: error.outcome, status: error.status, message: error.message };
  return { outcome: "network", message: error instanceof Error ? error.message : "Provider call failed" };
}

const OPEN = { in: ["queued", "running"] as Array<"queued" | "running"> };

async function turnScope(job: TTurnJob) {
  if (job.orgId && job.agentId && job.conversationId) return { orgId: job.orgId, agentId: job.agentId, conversationId: job.conversationId };
  return db.turn.findUnique({ where: { id: job.turnId }, select: { orgId: true, agentId: true, conversationId: true } });
}

export async function processTurn({ job, deps }: { job: TTurnJob; deps: TProcessDeps }) {
  const scope = await turnScope(job);
  if (!scope) return { settled: false as const };
  // Independent reads in parallel; every one is scoped by the job's ids.
  const [found, agent, history] = await Promise.all([
    db.turn.findFirst({ where: { id: job.turnId, ...scope }, select: { state: true } }),
    db.agent.findFirst({ where: { id: scope.agentId, orgId: scope.orgId }, select: { runtime: true, instructions: true, tools: true } }),
    loadHistory(db, scope),
  ]);
  if (!found || (found.state !== "queued" && found.state !== "running")) return { settled: false as const };
  const turn = { id: job.turnId, ...scope };
  const runtime = parseRuntime(agent?.runtime);
  if (!agent || !runtime) {
    await settle({ turn, data: { state: "failed", errorOutcome: "bad_request", errorMessage: "Agent is not running" }, deps });
    return { settled: true as const };
  }
  const [, links] = await Promise.all([
    db.turn.updateMany({ where: { id: turn.id, state: "queued" }, data: { state: "running" } }),
    runtimeLinks({ orgId: turn.orgId, runtime }),
  ]);
  const tools = agent.tools.filter((t) => ZBuiltinToolName.safeParse(t).success) as Array<"current_time" | "calculator">;
  const started = performance.now();
  const result = await runTurn({
    links,
    system: agent.instructions,
    messages: history,
    tools: tools.length ? createBuiltinToolbox({ enabled: tools, clock: () => new Date() }) : undefined,
    deps: { call: chat, classifyError, classifyResult, store: deps.store, now: Date.now, onStoreError: deps.onStoreError },
  });
  const latencyMs = Math.round(performance.now() - started);
  const labels = new Map(links.map((l) => [l.linkId, l.label]));
  const credentials = new Map(links.map((l) => [l.linkId, parseCircuitKey(l.circuitKey).credentialId]));
  await settle({ turn, result, latencyMs, labelOf: (id) => labels.get(id) ?? id, credentialOf: (id) => credentials.get(id), deps });
  return { settled: true as const, result };
}

type TSettle = {
  turn: { id: string; orgId: string; agentId: string; conversationId: string };
  deps: TProcessDeps;
  result?: TTurnResult;
  latencyMs?: number;
  labelOf?: (linkId: string) => string;
  credentialOf?: (linkId: string) => string | undefined;
  data?: { state: "failed"; errorOutcome: string; errorMessage: string };
};

async function settle({ turn, deps, result, latencyMs = 0, labelOf = (id) => id, credentialOf = () => undefined, data }: TSettle) {
  const committed = await db.$transaction(async (tx) => {
    const fields = data ?? outcomeFields(result!, labelOf, latencyMs);
    const { count } = await tx.turn.updateMany({ where: { id: turn.id, state: OPEN }, data: { ...fields, completedAt: new Date() } });
    if (count === 0) return false; // Another delivery settled it first.
    if (result) {
      const messages = result.ok ? result.newMessages : result.newMessages.filter((m) => m.role !== "assistant" || m.toolCalls?.length);
      if (messages.length) await tx.message.createMany({ data: messages.map((m) => ({ ...toRow(m), orgId: turn.orgId, conversationId: turn.conversationId, turnId: turn.id })) });
      await tx.attempt.createMany({ data: result.attempts.map((a, index) => ({ orgId: turn.orgId, turnId: turn.id, index, label: a.label, model: a.model, outcome: a.outcome, status: a.status ?? null, latencyMs: a.latencyMs, skipped: a.skipped ?? null, corrective: a.corrective ?? false, message: a.message ?? null, step: a.step })) });
      const events = turnEvents({ result, labelOf, credentialOf, turnId: turn.id, conversationId: turn.conversationId, latencyMs });
      if (events.length) await tx.activityEvent.createMany({ data: events.map((e) => ({ orgId: turn.orgId, agentId: turn.agentId, ...e, data: e.data as never })) });
    }
    await tx.agent.updateMany({ where: { id: turn.agentId, orgId: turn.orgId }, data: { lastActivityAt: new Date() } });
    return true;
  });
  if (committed) await deps.publish(turn.id).catch(() => undefined);
  return committed;
}

function outcomeFields(result: TTurnResult, labelOf: (id: string) => string, latencyMs: number) {
  if (result.ok) {
    return {
      state: "answered" as const,
      answer: result.answer.text,
      answeredBy: labelOf(result.answeredBy),
      failedOver: result.failedOver,
      latencyMs,
      inputTokens: result.answer.usage.inputTokens,
      outputTokens: result.answer.usage.outputTokens,
    };
  }
  return { state: "failed" as const, errorOutcome: result.error.outcome, errorStatus: result.error.status ?? null, errorMessage: result.error.message, latencyMs };
}
