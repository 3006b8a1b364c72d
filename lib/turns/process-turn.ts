// Runs in the worker: answers one turn through the failover engine and
// writes the answer, its attempts and its events in one transaction keyed by
// the turn id, so a re-delivered or re-run job never yields a second answer.
import { db } from "../db/client";
import { query, statement } from "../db/statement";
import { chat } from "../providers/chat";
import { classifyResult } from "../providers/error-map";
import { ProviderError } from "../providers/provider-error";
import { createBuiltinToolbox, runTurn, ZBuiltinToolName, type TCircuitStore, type TFailure, type TTurnResult } from "../failover";
import { parseRuntime } from "../agents/runtime";
import { claimTurn } from "./claim-turn";
import { parseCircuitKey, runtimeLinks } from "./runtime-links";
import { toRow } from "./submit-turn";
import { turnEvents } from "./turn-events";
import type { TTurnJob } from "../queue/names";

export type TProcessDeps = { store: TCircuitStore; publish: (turnId: string) => Promise<unknown>; onStoreError?: (error: unknown) => void };

export function classifyError(error: unknown): TFailure {
  if (error instanceof ProviderError) return { outcome: error.outcome, status: error.status, message: error.message };
  return { outcome: "network", message: error instanceof Error ? error.message : "Provider call failed" };
}

// An older web process enqueued the turn id alone.
async function orgOf(job: TTurnJob): Promise<string | null> {
  if (job.orgId) return job.orgId;
  const turn = await db.turn.findUnique({ where: { id: job.turnId }, select: { orgId: true } });
  return turn?.orgId ?? null;
}

export async function processTurn({ job, deps }: { job: TTurnJob; deps: TProcessDeps }) {
  const orgId = await orgOf(job);
  if (!orgId) return { settled: false as const };
  const claim = await claimTurn({ turnId: job.turnId, orgId });
  if (!claim) return { settled: false as const };
  const { scope, agent, history, ciphers } = claim;
  const turn = { id: job.turnId, ...scope };
  const runtime = parseRuntime(agent?.runtime);
  if (!agent || !runtime) {
    await settle({ turn, data: { state: "failed", errorOutcome: "bad_request", errorMessage: "Agent is not running" }, deps });
    return { settled: true as const };
  }
  const links = await runtimeLinks({ orgId: turn.orgId, runtime, ciphers });
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

// $1 turn, $2 organization, $3 agent, $4 conversation, $5-$14 the turn's
// outcome fields, then the new messages, attempts and events as JSON.
// "Last activity" is shown to the minute, so the agent row is written at most
// once a minute: written on every turn, that one row's lock queued up every
// concurrent turn of a busy agent behind the previous one's commit.
const SETTLE = statement<{ settled: number }>(
  "settle_turn",
  `WITH turn AS (
     UPDATE turns SET
       state = $5::"TurnState", answer = $6, answered_by = $7, failed_over = $8,
       error_outcome = $9, error_status = $10, error_message = $11,
       latency_ms = $12, input_tokens = $13, output_tokens = $14, completed_at = now()
     WHERE id = $1 AND org_id = $2 AND state IN ('queued', 'running')
     RETURNING id, created_at
   ),
   messages AS (
     INSERT INTO messages (id, org_id, conversation_id, turn_id, role, content, tool_calls, tool_call_id, tool_name)
     SELECT gen_random_uuid()::text, $2, $4, turn.id, m.role, m.content, m."toolCalls", m."toolCallId", m."toolName"
     FROM turn, jsonb_to_recordset($15::jsonb)
       AS m(i int, role text, content text, "toolCalls" jsonb, "toolCallId" text, "toolName" text)
     ORDER BY m.i
   ),
   attempts AS (
     INSERT INTO attempts (id, org_id, agent_id, created_at, turn_id, index, label, model, outcome, status, latency_ms, skipped, corrective, message, step)
     SELECT gen_random_uuid()::text, $2, $3, turn.created_at, turn.id, a.index, a.label, a.model, a.outcome, a.status, a."latencyMs", a.skipped, a.corrective, a.message, a.step
     FROM turn, jsonb_to_recordset($16::jsonb)
       AS a(index int, label text, model text, outcome text, status int, "latencyMs" int, skipped text, corrective boolean, message text, step int)
   ),
   events AS (
     INSERT INTO activity_events (id, org_id, agent_id, type, severity, data, credential_ids)
     SELECT gen_random_uuid()::text, $2, $3, e.type, e.severity, e.data, e."credentialIds"
     FROM turn, jsonb_to_recordset($17::jsonb) AS e(type text, severity text, data jsonb, "credentialIds" text[])
   ),
   agent AS (
     UPDATE agents SET last_activity_at = now()
     WHERE id = $3 AND org_id = $2 AND EXISTS (SELECT 1 FROM turn)
       AND (last_activity_at IS NULL OR last_activity_at < now() - interval '1 minute')
   )
   SELECT count(*)::int AS settled FROM turn`,
);

// One statement, one round trip: the answer, its messages, attempts and
// events are written only if this delivery is the one that moves the turn out
// of queued/running; a second delivery writes nothing.
async function settle({ turn, deps, result, latencyMs = 0, labelOf = (id) => id, credentialOf = () => undefined, data }: TSettle) {
  const fields = { answer: null, answeredBy: null, failedOver: false, errorOutcome: null, errorStatus: null, errorMessage: null, latencyMs: null, inputTokens: null, outputTokens: null, ...(data ?? outcomeFields(result!, labelOf, latencyMs)) };
  const messages = !result ? [] : result.ok ? result.newMessages : result.newMessages.filter((m) => m.role !== "assistant" || m.toolCalls?.length);
  const attempts = (result?.attempts ?? []).map((a, index) => ({ index, label: a.label, model: a.model, outcome: a.outcome, status: a.status ?? null, latencyMs: a.latencyMs, skipped: a.skipped ?? null, corrective: a.corrective ?? false, message: a.message ?? null, step: a.step }));
  const events = result ? turnEvents({ result, labelOf, credentialOf, turnId: turn.id, conversationId: turn.conversationId, latencyMs }) : [];
  const [row] = await query(SETTLE, [
    turn.id, turn.orgId, turn.agentId, turn.conversationId,
    fields.state, fields.answer, fields.answeredBy, fields.failedOver, fields.errorOutcome, fields.errorStatus, fields.errorMessage,
    fields.latencyMs, fields.inputTokens, fields.outputTokens,
    JSON.stringify(messages.map((m, i) => ({ ...toRow(m), i }))), JSON.stringify(attempts), JSON.stringify(events),
  ]);
  const committed = (row?.settled ?? 0) > 0;
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
