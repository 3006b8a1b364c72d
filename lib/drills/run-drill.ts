// Runs in the worker: one failover drill. For each backup of the running
// chain, one short synthetic turn goes through the engine with every link
// before that backup forced to fail, so the backup answers as it would in an
// outage. The drill is one activity event; it writes no turn and no attempt
// rows, so the Overview's charts and provider share never count it.
import { recordEvent } from "../activity/record-event";
import { parseRuntime } from "../agents/runtime";
import { db, type Prisma } from "../db/client";
import { runTurn, type TCircuitStore, type TLink } from "../failover";
import { chat } from "../providers/chat";
import { classifyResult } from "../providers/error-map";
import { classifyError } from "../providers/provider-error";
import type { TDrillJob } from "../queue/names";
import { schemaPool } from "../schema-check/schema-pool";
import { runtimeLinks } from "../turns/runtime-links";
import { attemptSummary, healthEvents } from "../turns/turn-events";
import type { TDrillBackup, TDrillData } from "./drill-result";

export type TDrillDeps = { store: TCircuitStore; onStoreError?: (error: unknown) => void };

// Short and cheap: a few output tokens, no tools, no history.
const DRILL_SYSTEM = "This is an automated failover drill. Reply with the single word OK.";
const DRILL_MESSAGE = "Failover drill: reply with OK.";
const DRILL_MAX_TOKENS = 16;
const DRILL_BUDGET_MS = 60_000;

type TBackupRun = TDrillBackup & { attempts: ReturnType<typeof attemptSummary>[] };

export async function runDrill({ job, deps }: { job: TDrillJob; deps: TDrillDeps }): Promise<TDrillData> {
  const { orgId, agentId } = job;
  const agent = await db.agent.findFirst({ where: { id: agentId, orgId }, select: { status: true, runtime: true } });
  // A deleted agent has no feed left to write to.
  if (!agent) return { drillId: job.drillId, trigger: job.trigger, passed: false, results: [], message: "The agent was deleted before the drill ran." };
  const runtime = agent.status === "running" ? parseRuntime(agent.runtime) : null;
  if (!runtime || runtime.links.length < 2) {
    const message = runtime ? "The running chain has no backup, so there was nothing to drill." : "The agent was not running when the drill ran.";
    return record({ job, runs: [], credentialIds: [], health: [], message });
  }
  const credentialIds = [...new Set(runtime.links.map((link) => link.credentialId))];
  const ciphers = await db.credential.findMany({ where: { orgId, id: { in: credentialIds } }, select: { id: true, keyCipher: true } });
  const links = await runtimeLinks({ orgId, runtime, ciphers: new Map(ciphers.map((c) => [c.id, c.keyCipher])) });
  const runs: TBackupRun[] = [];
  const transitions: Parameters<typeof healthEvents>[0] = [];
  // One backup after the other: the drill is a check, not load, and each
  // backup's latency is then its own.
  for (let position = 1; position < links.length; position += 1) {
    const { run, events } = await drillBackup({ links, position, budgetMs: Math.min(runtime.turnBudgetMs, DRILL_BUDGET_MS), deps });
    runs.push(run);
    transitions.push(...events);
  }
  return record({ job, runs, credentialIds, health: healthEvents(transitions, { drillId: job.drillId }) });
}

// The backup at `position` answers with every link before it forced to fail;
// the walk stops at it, so a backup that fails does not reach the next one.
// The backup's own call is a real one, and its health is recorded as any
// turn's: a drill that finds a dead backup is real evidence, and opening its
// circuit early spares the next real turn the wait.
async function drillBackup({ links, position, budgetMs, deps }: { links: TLink[]; position: number; budgetMs: number; deps: TDrillDeps }) {
  const chain = links.slice(0, position + 1);
  const backup = chain[position]!;
  const result = await runTurn({
    links: chain,
    system: DRILL_SYSTEM,
    messages: [{ role: "user", content: DRILL_MESSAGE }],
    sampling: { maxTokens: DRILL_MAX_TOKENS },
    budget: { turnMs: budgetMs },
    forced: { linkIds: chain.slice(0, position).map((link) => link.linkId) },
    deps: { call: chat, classifyError, classifyResult, checkSchema: schemaPool().check, store: deps.store, now: Date.now, onStoreError: deps.onStoreError },
  });
  const own = result.attempts.filter((a) => a.linkId === backup.linkId);
  const last = own.at(-1);
  const failure = result.ok
    ? null
    : { outcome: last?.outcome ?? result.error.outcome, status: last?.status ?? null, message: last?.message ?? result.error.message };
  const run: TBackupRun = {
    position,
    label: backup.label,
    vendor: backup.target.vendor,
    model: backup.target.model,
    ok: result.ok,
    latencyMs: own.reduce((sum, a) => sum + a.latencyMs, 0),
    outcome: failure?.outcome ?? "ok",
    status: failure?.status ?? null,
    message: failure?.message ?? null,
    attempts: result.attempts.map(attemptSummary),
  };
  return { run, events: result.events };
}

// One event for the drill, with each backup's attempt timeline, and the
// provider health changes its real calls caused; the requester is the actor.
async function record({
  job,
  runs,
  credentialIds,
  health,
  message,
}: {
  job: TDrillJob;
  runs: TBackupRun[];
  credentialIds: string[];
  health: ReturnType<typeof healthEvents>;
  message?: string;
}): Promise<TDrillData> {
  const { orgId, agentId, drillId, trigger } = job;
  const passed = runs.length > 0 && runs.every((run) => run.ok);
  const stored = { drillId, trigger, passed, results: runs, ...(message ? { message } : {}) };
  await db.$transaction(async (tx) => {
    await recordEvent(tx, { orgId, agentId, type: "drill", severity: passed ? "info" : "error", actorId: job.requestedById, credentialIds, data: stored });
    for (const event of health) await recordEvent(tx, { orgId, agentId, ...event, data: event.data as Prisma.InputJsonValue });
  });
  return { ...stored, results: runs.map(({ attempts: _, ...run }) => run) };
}
