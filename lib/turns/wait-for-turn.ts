// Web side: wait until a worker has settled a turn. Each web process keeps one
// subscription to the channel where workers announce settled turns, and a
// caller starts watching a turn before submitting it, so the announcement
// cannot slip past in between and no per-request subscribe is needed.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { query, statement } from "../db/statement";
import { ZEnv } from "../env";
import type { TToolCall } from "../providers/types";
import { TURNS_SETTLED_CHANNEL } from "../queue/names";

type TWatch = { ready: Promise<unknown>; waiters: Map<string, () => void> };
const globalForWait = globalThis as unknown as { turnWatch?: TWatch };

function watch(): TWatch {
  if (!globalForWait.turnWatch) {
    const sub = new Redis(ZEnv.shape.REDIS_URL.parse(process.env.REDIS_URL), { maxRetriesPerRequest: 1 });
    sub.on("error", () => {});
    const waiters = new Map<string, () => void>();
    sub.on("message", (_channel: string, turnId: string) => waiters.get(turnId)?.());
    const current: TWatch = { waiters, ready: sub.subscribe(TURNS_SETTLED_CHANNEL) };
    // Redis down: this request falls back to polling; the next one retries.
    current.ready.catch(() => {
      if (globalForWait.turnWatch === current) globalForWait.turnWatch = undefined;
      sub.disconnect();
    });
    globalForWait.turnWatch = current;
  }
  return globalForWait.turnWatch;
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
  // Unix seconds, as the OpenAI wire format counts them.
  created: number;
};

const READ_SETTLED = statement<TSettledTurn>(
  "read_settled_turn",
  `SELECT id, state, conversation_id AS "conversationId", answer, answered_by AS "answeredBy", failed_over AS "failedOver",
     error_outcome AS "errorOutcome", error_status AS "errorStatus", error_message AS "errorMessage",
     input_tokens AS "inputTokens", output_tokens AS "outputTokens", latency_ms AS "latencyMs", tool_calls AS "toolCalls",
     floor(extract(epoch FROM created_at))::int AS created
   FROM turns WHERE id = $1 AND org_id = $2 AND state IN ('answered', 'failed')`,
);

export async function readSettled(turnId: string, orgId: string): Promise<TSettledTurn | null> {
  const [turn] = await query(READ_SETTLED, [turnId, orgId]);
  return turn ?? null;
}

// A lost announcement costs at most one poll interval, never the answer.
const POLL_MS = 2000;

export async function watchTurn({ orgId, turnId = randomUUID() }: { orgId: string; turnId?: string }) {
  const { ready, waiters } = watch();
  let wake = () => {};
  const nextWake = () => new Promise<void>((resolve) => (wake = resolve));
  let woken = nextWake();
  waiters.set(turnId, () => wake());
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
        const done = await readSettled(turnId, orgId);
        if (done) return done;
      }
      return null;
    },
    close: () => waiters.delete(turnId),
  };
}
