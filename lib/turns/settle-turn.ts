// Runs in the worker: writes a turn's outcome, its new messages, attempts and
// events in one statement keyed by the turn id, so a re-delivered or re-run
// job never yields a second answer.
import type { TAgentScope } from "../agents/agent-scope";
import { query, statement } from "../db/statement";
import type { TAttempt, TLink, TTurnResult } from "../failover";
import type { TMessage } from "../providers/types";
import { insertMessages, messagesJson } from "./message-rows";
import { attemptSummary, turnEvents } from "./turn-events";
import type { TTurnOutcome } from "./turn-outcome";
import type { TSettledTurn } from "./wait-for-turn";

export type TTurnRef = TAgentScope & { id: string; conversationId: string };

// $1 turn, $2 organization, $3 agent, $4 conversation, $5-$14 the turn's
// outcome fields, $15-$17 the new messages, attempts and events as JSON,
// $18 the caller's tool calls the answer hands back (JSON or null), $19 why
// the answering call stopped.
// "Last activity" is shown to the minute, so the agent row is written at most
// once a minute: written on every turn, that one row's lock queued up every
// concurrent turn of a busy agent behind the previous one's commit.
const SETTLE = statement<{ settled: number }>(
  "settle_turn",
  `WITH turn AS (
     UPDATE turns SET
       state = $5::"TurnState", answer = $6, answered_by = $7, failed_over = $8,
       error_outcome = $9, error_status = $10, error_message = $11,
       latency_ms = $12, input_tokens = $13, output_tokens = $14, tool_calls = $18::jsonb, finish_reason = $19, completed_at = now()
     WHERE id = $1 AND org_id = $2 AND state IN ('queued', 'running')
     RETURNING id, created_at
   ),
   messages AS (
     ${insertMessages({ orgId: "$2", conversationId: "$4", json: "$15" })}
   ),
   attempts AS (
     INSERT INTO attempts (id, org_id, agent_id, created_at, turn_id, index, label, model, outcome, status, latency_ms, skipped, corrective,
                           message, step, delivered, continued, input_tokens, output_tokens)
     SELECT gen_random_uuid()::text, $2, $3, turn.created_at, turn.id, a.index, a.label, a.model, a.outcome, a.status, a."latencyMs", a.skipped,
            a.corrective, a.message, a.step, a.delivered, a.continued, a."inputTokens", a."outputTokens"
     FROM turn, jsonb_to_recordset($16::jsonb)
       AS a(index int, label text, model text, outcome text, status int, "latencyMs" int, skipped text, corrective boolean, message text,
            step int, delivered int, continued boolean, "inputTokens" int, "outputTokens" int)
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

// The turn's outcome columns, as the API reads them back.
type TFields = Omit<TSettledTurn, "id" | "conversationId" | "created">;

type TRows = { messages: TMessage[]; attempts: ReturnType<typeof attemptRow>[]; events: ReturnType<typeof turnEvents> };

const NO_OUTCOME = {
  toolCalls: null,
  answer: null,
  answeredBy: null,
  failedOver: false,
  errorOutcome: null,
  errorStatus: null,
  errorMessage: null,
  latencyMs: null,
  inputTokens: null,
  outputTokens: null,
  finishReason: null,
};

// True when this delivery wrote the outcome; a second delivery writes nothing.
async function write(turn: TTurnRef, fields: TFields, { messages, attempts, events }: TRows): Promise<boolean> {
  const [row] = await query(SETTLE, [
    turn.id,
    turn.orgId,
    turn.agentId,
    turn.conversationId,
    fields.state,
    fields.answer,
    fields.answeredBy,
    fields.failedOver,
    fields.errorOutcome,
    fields.errorStatus,
    fields.errorMessage,
    fields.latencyMs,
    fields.inputTokens,
    fields.outputTokens,
    messagesJson(messages),
    JSON.stringify(attempts),
    JSON.stringify(events),
    fields.toolCalls && JSON.stringify(fields.toolCalls),
    fields.finishReason,
  ]);
  return (row?.settled ?? 0) > 0;
}

// A turn that failed without a run of the engine to tell of: refused before
// it ran, or given up on (its job out of retries, or overdue).
export function settleFailed({ turn, outcome, message }: { turn: TTurnRef; outcome: TTurnOutcome; message: string }): Promise<boolean> {
  return write(turn, { ...NO_OUTCOME, state: "failed", errorOutcome: outcome, errorMessage: message }, { messages: [], attempts: [], events: [] });
}

type TRan = { turn: TTurnRef; result: TTurnResult; latencyMs: number; links: TLink[] };

// A turn the engine ran, answered or failed, with the messages, attempts and
// activity of that run.
export function settleRan(ran: TRan): Promise<boolean> {
  return write(ran.turn, outcomeFields(ran), rows(ran));
}

function outcomeFields({ result, latencyMs }: TRan): TFields {
  // The answer is what the caller received, whole, across tool rounds and
  // continuations; a failed turn keeps what reached the caller before it broke.
  const answer = result.spoken || null;
  if (result.ok) {
    // The answering call's tokens, as the API response reports them; what
    // every call cost, failed ones included, is on its attempt row.
    const { usage } = result.answer;
    const { toolCalls } = result.answer;
    return {
      ...NO_OUTCOME,
      state: "answered",
      answer: result.spoken,
      answeredBy: result.answeredBy.label,
      failedOver: result.failedOver,
      latencyMs,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      toolCalls: toolCalls.length ? toolCalls : null,
      finishReason: result.answer.finishReason,
    };
  }
  const { error } = result;
  return { ...NO_OUTCOME, state: "failed", answer, errorOutcome: error.outcome, errorStatus: error.status ?? null, errorMessage: error.message, latencyMs };
}

// Every call that returned a result keeps the tokens its provider reported,
// an unusable answer and a corrective retry included: that is what failover
// cost. A skipped link or a call that errored has none.
function attemptRow(a: TAttempt, index: number) {
  return {
    index,
    ...attemptSummary(a),
    message: a.message ?? null,
    step: a.step,
    inputTokens: a.usage?.inputTokens ?? null,
    outputTokens: a.usage?.outputTokens ?? null,
  };
}

function rows({ result, turn, links, latencyMs }: TRan): TRows {
  // A failed turn keeps its tool steps but no answer.
  const messages = result.ok ? result.newMessages : result.newMessages.filter((m) => m.role !== "assistant" || m.toolCalls?.length);
  const attempts = result.attempts.map(attemptRow);
  const events = turnEvents({ result, links, turnId: turn.id, conversationId: turn.conversationId, latencyMs });
  return { messages, attempts, events };
}
