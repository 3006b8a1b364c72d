// One batch of turns, written in one statement with everything they imply:
// conversations, both messages, one attempt per provider tried, and the
// events the worker writes for them (lib/turns/turn-events.ts), so every
// event points at a turn whose attempts say the same thing.
// Parameters: $1 org id, $2 first turn index, $3 index after the last (both
// multiples of TURNS_PER_CONVERSATION but the very last), $4 actor ids,
// $5 questions, $6 their answers (same length, same order).
import { cuidSql, momentSql, type TClock, uuidSql } from "./clock";
import { scrambleStep, type TTurnPlan, turnRanges } from "./mix";

export const TURNS_PER_CONVERSATION = 4;
const MAX_GAP_SECONDS = 340;
const FAILOVER_KINDS = "('needsAttention', 'degraded', 'skipped', 'failover')";

const eventRow = (o: { type: string; severity: string; at: string; data: string; credentials: string }) =>
  `SELECT ${cuidSql(o.at)}, $1, agent_id, '${o.type}', '${o.severity}', NULL::text, ${o.data}, ${o.credentials}, ${o.at} FROM done`;

export function turnBatchSql({ plan, total, agents, clock }: { plan: TTurnPlan; total: number; agents: number; clock: TClock }) {
  const step = scrambleStep(total);
  // Conversations start in index order, so each batch covers its own stretch
  // of time and appends to the indexes instead of scattering over them.
  const conversations = Math.ceil(total / TURNS_PER_CONVERSATION);
  const kind = `CASE ${turnRanges(plan)
    .map((r) => `WHEN p < ${r.to} THEN '${r.kind}'`)
    .join(" ")} ELSE 'ok' END`;
  const refs = `'turnId', id, 'conversationId', conv_id`;
  const cause = `jsonb_strip_nulls(jsonb_build_object('outcome', f_outcome, 'status', f_status))`;
  const health = `jsonb_build_object(${refs}, 'provider', f_label, 'circuitKey', f_credential || '|' || f_model, 'cause', ${cause})`;
  const atFirst = `created_at + make_interval(secs => f_latency / 1000.0)`;
  return `
WITH conv0 AS MATERIALIZED (
  SELECT c, floor(${agents} * power(random(), 1.6))::int AS agent_no, (c + random()) / ${conversations} AS u, random() < 0.3 AS by_chat,
         40 + ${MAX_GAP_SECONDS - 40} * random() AS gap_s,
         1 + floor(random() * cardinality($5::text[]))::int AS q, 1 + floor(random() * cardinality($4::text[]))::int AS actor
  FROM generate_series($2::int / ${TURNS_PER_CONVERSATION}, ($3::int - 1) / ${TURNS_PER_CONVERSATION}) AS c
), conv1 AS MATERIALIZED (
  SELECT conv0.*, a.agent_id, a.n_links, ${momentSql(clock, "u", TURNS_PER_CONVERSATION * MAX_GAP_SECONDS + 600)} AS started_at,
         least(${TURNS_PER_CONVERSATION}, ${total} - c * ${TURNS_PER_CONVERSATION}) AS n_turns
  FROM conv0 JOIN seed_agents a USING (agent_no)
), conv AS MATERIALIZED (
  SELECT conv1.*, ${uuidSql("started_at")} AS id FROM conv1
), turn0 AS MATERIALIZED (
  SELECT i, conv.id AS conv_id, conv.agent_no, conv.agent_id, conv.n_links,
         CASE WHEN i % ${TURNS_PER_CONVERSATION} = 0 THEN conv.q ELSE 1 + floor(random() * cardinality($5::text[]))::int END AS q,
         i % ${TURNS_PER_CONVERSATION} AS k, conv.started_at + make_interval(secs => (i % ${TURNS_PER_CONVERSATION}) * conv.gap_s) AS created_at,
         (i::bigint * ${step} + ${Math.floor(total / 3)}) % ${total} AS p, random() AS r1, random() AS r2, random() AS r3
  FROM generate_series($2::int, $3::int - 1) AS i JOIN conv ON conv.c = i / ${TURNS_PER_CONVERSATION}
), turn AS MATERIALIZED (
  SELECT turn0.*, ${uuidSql("created_at")} AS id, kind, CASE WHEN kind IN ('ok', 'recovered') THEN 1 WHEN kind = 'failed' THEN n_links
                             WHEN n_links = 3 AND r1 < 0.2 THEN 3 ELSE 2 END AS n_attempts
  FROM turn0, LATERAL (SELECT ${kind} AS kind) AS scrambled
), att0 AS MATERIALIZED (
  SELECT t.id AS turn_id, t.created_at AS turn_at, t.agent_id, t.agent_no, n, n = t.n_attempts - 1 AND t.kind <> 'failed' AS ok,
         n = 0 AND t.kind = 'skipped' AS skipped, n = 0 AND t.kind = 'needsAttention' AS human, random() AS rf, random() AS rl
  FROM turn t, generate_series(0, t.n_attempts - 1) AS n
), att AS MATERIALIZED (
  SELECT a.turn_id, a.turn_at, a.agent_id, a.n, l.label, l.model, l.credential_id,
         CASE WHEN a.ok THEN 'ok' ELSE f.outcome END AS outcome,
         CASE WHEN a.ok THEN NULL ELSE f.status END AS status,
         (CASE WHEN a.ok THEN l.base_ms * (0.5 + 1.5 * a.rl * a.rl) WHEN a.skipped THEN 0
               WHEN f.outcome = 'timeout' THEN l.first_token_timeout_ms ELSE f.min_ms + a.rl * (f.max_ms - f.min_ms) END)::int AS latency_ms,
         CASE WHEN a.skipped THEN 'circuit_open' END AS skipped,
         CASE WHEN a.ok THEN NULL WHEN a.skipped THEN 'Skipped: circuit open after 3 consecutive failures'
              WHEN f.outcome = 'timeout' THEN l.timeout_message ELSE f.message END AS message
  FROM att0 a JOIN seed_links l ON l.agent_no = a.agent_no AND l.position = a.n
  LEFT JOIN seed_failures f ON NOT a.ok AND f.human = a.human AND a.rf >= f.lo AND a.rf < f.hi
), per AS MATERIALIZED (
  SELECT turn_id, sum(latency_ms)::int AS spent, coalesce(sum(latency_ms) FILTER (WHERE outcome <> 'ok'), 0)::int AS lost,
         max(label) FILTER (WHERE outcome = 'ok') AS answered_by, array_agg(credential_id ORDER BY n) AS tried,
         jsonb_agg(jsonb_build_object('label', label, 'model', model, 'outcome', outcome, 'status', status, 'latencyMs', latency_ms,
                                      'skipped', skipped, 'corrective', false) ORDER BY n) AS attempts
  FROM att GROUP BY turn_id
), done AS MATERIALIZED (
  SELECT t.*, per.*, t.kind IN ${FAILOVER_KINDS} AS failed_over, per.spent + (5 + 35 * t.r2)::int AS latency_ms,
         t.created_at + make_interval(secs => (per.spent + (5 + 35 * t.r2)::int) / 1000.0) AS completed_at,
         f.label AS f_label, f.model AS f_model, f.credential_id AS f_credential, f.outcome AS f_outcome, f.status AS f_status,
         f.message AS f_message, f.latency_ms AS f_latency, f.skipped AS f_skipped
  FROM turn t JOIN per ON per.turn_id = t.id JOIN att f ON f.turn_id = t.id AND f.n = 0
), ins_conversations AS (
  INSERT INTO conversations (id, org_id, agent_id, source, title, created_by_id, created_at, updated_at)
  SELECT id, $1, agent_id, (CASE WHEN by_chat THEN 'chat' ELSE 'api' END)::"TurnSource", ($5::text[])[q], CASE WHEN by_chat THEN ($4::text[])[actor] END,
         started_at, started_at + make_interval(secs => (n_turns - 1) * gap_s + 60)
  FROM conv RETURNING 1
), ins_turns AS (
  INSERT INTO turns (id, org_id, agent_id, conversation_id, state, answer, answered_by, failed_over, error_outcome, error_status,
                     error_message, latency_ms, input_tokens, output_tokens, created_at, completed_at)
  SELECT id, $1, agent_id, conv_id, (CASE WHEN kind = 'failed' THEN 'failed' ELSE 'answered' END)::"TurnState",
         CASE WHEN kind <> 'failed' THEN ($6::text[])[q] END, answered_by, failed_over,
         CASE WHEN kind = 'failed' THEN f_outcome END, CASE WHEN kind = 'failed' THEN f_status END, CASE WHEN kind = 'failed' THEN f_message END,
         latency_ms, CASE WHEN kind <> 'failed' THEN 150 + (r3 * 1800)::int END, CASE WHEN kind <> 'failed' THEN 20 + (r2 * 380)::int END,
         created_at, completed_at
  FROM done RETURNING 1
), ins_attempts AS (
  INSERT INTO attempts (id, org_id, agent_id, created_at, turn_id, index, label, model, outcome, status, latency_ms, skipped, corrective, message, step)
  SELECT ${cuidSql("turn_at")}, $1, agent_id, turn_at, turn_id, n, label, model, outcome, status, latency_ms, skipped, false, message, 0 FROM att RETURNING 1
), ins_messages AS (
  INSERT INTO messages (id, org_id, conversation_id, turn_id, role, content, created_at)
  SELECT ${cuidSql("at")}, $1, conv_id, id, role, content, at FROM (
    SELECT i, 0 AS o, conv_id, id, 'user' AS role, ($5::text[])[q] AS content, created_at AS at FROM done
    UNION ALL
    SELECT i, 1, conv_id, id, 'assistant', ($6::text[])[q], completed_at FROM done WHERE kind <> 'failed'
    ORDER BY i, o
  ) AS m RETURNING 1
), ins_events AS (
  INSERT INTO activity_events (id, org_id, agent_id, type, severity, actor_id, data, credential_ids, created_at)
  ${eventRow({
    type: "failover",
    severity: "warning",
    at: "completed_at",
    credentials: "tried",
    data:
      `jsonb_build_object(${refs}, 'from', f_label, 'to', answered_by, ` +
      `'reason', CASE WHEN f_skipped IS NOT NULL THEN 'circuit_open' ELSE f_outcome END, ` +
      `'status', f_status, 'lostMs', lost, 'totalMs', latency_ms, 'attempts', attempts)`,
  })} WHERE failed_over
  UNION ALL
  ${eventRow({
    type: "all_failed",
    severity: "error",
    at: "completed_at",
    credentials: "tried",
    data: `jsonb_build_object(${refs}, 'outcome', f_outcome, 'status', f_status, 'message', f_message, 'attempts', attempts)`,
  })} WHERE kind = 'failed'
  UNION ALL
  ${eventRow({
    type: "provider_degraded",
    severity: "warning",
    at: atFirst,
    credentials: "ARRAY[f_credential]",
    data: health,
  })} WHERE kind IN ('needsAttention', 'degraded')
  UNION ALL
  ${eventRow({ type: "needs_attention", severity: "error", at: atFirst, credentials: "ARRAY[f_credential]", data: health })} WHERE kind = 'needsAttention'
  UNION ALL
  ${eventRow({
    type: "provider_recovered",
    severity: "info",
    at: "completed_at",
    credentials: "ARRAY[f_credential]",
    data: `jsonb_build_object(${refs}, 'provider', f_label, 'circuitKey', f_credential || '|' || f_model, 'cause', NULL)`,
  })} WHERE kind = 'recovered'
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins_conversations)::int AS conversations, (SELECT count(*) FROM ins_turns)::int AS turns,
       (SELECT count(*) FROM ins_attempts)::int AS attempts, (SELECT count(*) FROM ins_messages)::int AS messages,
       (SELECT count(*) FROM ins_events)::int AS events`;
}
