// Web side: wait until a worker has settled a turn. Each web process keeps one
// subscription to the channel where workers announce settled turns, and a
// caller starts watching a turn before submitting it, so the announcement
// cannot slip past in between and no per-request subscribe is needed.
import { randomUUID } from "node:crypto";

import { query, statement } from "../db/statement";
import { isDatabaseUnavailable } from "../db/unavailable";
import type { TToolCall } from "../providers/types";
import { createRedis } from "../queue/connections";
import { TURNS_SETTLED_CHANNEL } from "../queue/names";
import { singleton } from "../singleton";

// Several requests may wait for one turn (a retry with its Idempotency-Key).
type TWatch = { ready: Promise<unknown>; waiters: Map<string, Set<() => void>> };
// The process's one watch, replaced when its subscription fails.
const slot = () => singleton("turn-watch", (): { watch?: TWatch } => ({}));

function watch(): TWatch {
  const held = slot();
  if (!held.watch) {
    const sub = createRedis("request");
    const waiters = new Map<string, Set<() => void>>();
    sub.on("message", (_channel: string, turnId: string) => waiters.get(turnId)?.forEach((wake) => wake()));
    const current: TWatch = { waiters, ready: sub.subscribe(TURNS_SETTLED_CHANNEL) };
    // Redis down: this request falls back to polling; the next one retries.
    current.ready.catch(() => {
      if (held.watch === current) held.watch = undefined;
      sub.disconnect();
    });
    held.watch = current;
  }
  return held.watch;
}

export type TSettledTurn = {
  id: string;
  state: "answered" | "failed";
  conversationId: string;
  answer: string | null;
  answeredBy: string | null;
  failedOver: boolean;
  errorOutcome: string | null;
  errorStatus: number | null;
  errorMessage: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number | null;
  // The caller's tools the answer called, for the caller to run.
  toolCalls: TToolCall[] | null;
  // Why the answering call stopped (TFinishReason); null for a failed turn.
  finishReason: string | null;
  // Unix seconds, as the OpenAI wire format counts them.
  created: number;
};

// A turn as the API tells it, in whatever state (get-turn.ts reads it too).
export const API_TURN_COLUMNS = `id, state, conversation_id AS "conversationId", answer, answered_by AS "answeredBy", failed_over AS "failedOver",
  error_outcome AS "errorOutcome", error_status AS "errorStatus", error_message AS "errorMessage",
  input_tokens AS "inputTokens", output_tokens AS "outputTokens", latency_ms AS "latencyMs", tool_calls AS "toolCalls", finish_reason AS "finishReason",
  floor(extract(epoch FROM created_at))::int AS created`;

const READ_SETTLED = statement<TSettledTurn>(
  "read_settled_turn",
  `SELECT ${API_TURN_COLUMNS} FROM turns WHERE id = $1 AND org_id = $2 AND state IN ('answered', 'failed')`,
);

export async function readSettled(turnId: string, orgId: string): Promise<TSettledTurn | null> {
  const [turn] = await query(READ_SETTLED, [turnId, orgId]);
  return turn ?? null;
}

// A lost announcement costs at most one poll interval, never the answer.
const POLL_MS = 2000;

// PostgreSQL restarting is no reason to give up on an answer the worker will
// store once it is back: the wait goes on until its deadline.
async function readSettledOrWait(turnId: string, orgId: string): Promise<TSettledTurn | null> {
  try {
    return await readSettled(turnId, orgId);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return null;
    throw error;
  }
}

// `stored`: the turn existed before the watch began (a replayed request), so
// it may have settled already and is read at once.
export async function watchTurn({ orgId, turnId = randomUUID(), stored = false }: { orgId: string; turnId?: string; stored?: boolean }) {
  const { ready, waiters } = watch();
  let wake = () => {};
  const nextWake = () => new Promise<void>((resolve) => (wake = resolve));
  let woken = stored ? Promise.resolve() : nextWake();
  const waiter = () => wake();
  const own = waiters.get(turnId) ?? new Set();
  waiters.set(turnId, own.add(waiter));
  await ready.catch(() => undefined);
  return {
    turnId,
    async settled(timeoutMs: number): Promise<TSettledTurn | null> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([woken, new Promise((r) => (timer = setTimeout(r, Math.min(POLL_MS, deadline - Date.now()))))]);
        clearTimeout(timer);
        woken = nextWake();
        const done = await readSettledOrWait(turnId, orgId);
        if (done) return done;
      }
      return null;
    },
    close() {
      own.delete(waiter);
      if (own.size === 0 && waiters.get(turnId) === own) waiters.delete(turnId);
    },
  };
}
