// One Redis Stream per turn carries the answer live from the worker to
// whoever is listening (the API's SSE response, the Chat tab). PostgreSQL
// stays the record: the stream is a pipe that expires once the turn settles.
//
// Entries, in order: "run" when a worker starts (or restarts) the turn,
// "meta" before the first text (who produced the first token), "text" for
// each piece of the answer, and "end" once the settled turn is committed.
import type { Redis } from "ioredis";
import { z } from "zod";

import { redisKey } from "../queue/connections";
import { toTurnOutcome, type TTurnOutcome } from "./turn-outcome";

// Deltas that arrive in the same tick are written as one entry, so a fast
// provider costs fewer entries than it sends tokens; the cap bounds a
// runaway answer. A reader that finds the first entry trimmed knows it.
const MAX_ENTRIES = 100_000;
// Longer than the longest turn budget (30 min): a stream whose worker died
// and was never re-run does not linger.
const OPEN_TTL_SECONDS = 60 * 60;
// Long enough for a Chat tab that reconnects or loads late to read the end.
const SETTLED_TTL_SECONDS = 5 * 60;

export const streamKey = (turnId: string) => redisKey("turn-stream", turnId);

const ZToolCall = z.object({ id: z.string(), name: z.string(), arguments: z.string() });

const ZEnd = z.object({
  ok: z.boolean(),
  // Labels of the links whose text the caller received, in order.
  providers: z.array(z.string()),
  failedOver: z.boolean(),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }).nullable(),
  error: z.object({ outcome: z.string(), status: z.number().nullable(), message: z.string() }).nullable(),
  // The caller's tools the answer called, handed back once validated.
  toolCalls: z.array(ZToolCall).default([]),
  // Why the answering call stopped (TFinishReason), on an answered turn.
  finishReason: z.string().nullable().default(null),
});
export type TStreamEnd = z.input<typeof ZEnd>;

// The end of a turn settled failed without a run of the engine to tell of
// (settleFailed): `providers` had spoken in an earlier run, if any.
export const failedEnd = ({ providers = [], outcome, message }: { providers?: string[]; outcome: TTurnOutcome; message: string }): TStreamEnd => ({
  ok: false,
  providers,
  failedOver: false,
  usage: null,
  error: { outcome, status: null, message },
});
const ZMeta = z.object({ provider: z.string(), failedOver: z.boolean() });
export type TStreamMeta = z.infer<typeof ZMeta>;

export type TStreamEntry = { type: "run" } | ({ type: "meta" } & TStreamMeta) | { type: "text"; text: string } | ({ type: "end" } & TStreamEnd);

export function parseEntry(fields: string[]): TStreamEntry | undefined {
  const type = fields[1];
  const value = fields[3] ?? "";
  if (type === "run") return { type };
  if (type === "text") return { type, text: value };
  const json = (() => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  })();
  if (type === "meta") {
    const meta = ZMeta.safeParse(json);
    return meta.success ? { type, ...meta.data } : undefined;
  }
  if (type === "end") {
    const end = ZEnd.safeParse(json);
    return end.success ? { type, ...end.data } : undefined;
  }
  return undefined;
}

// A settled turn as PostgreSQL stored it, told as the stream's end (for a
// reader whose stream lost its end); undefined while the turn is unsettled.
// The error carries the stored message only, never an upstream body.
type TStoredOutcome = {
  state: string;
  answeredBy: string | null;
  failedOver: boolean;
  inputTokens: number | null;
  outputTokens: number | null;
  errorOutcome: string | null;
  errorStatus: number | null;
  errorMessage: string | null;
  toolCalls?: unknown;
  finishReason: string | null;
};

const toolCallsOf = (value: unknown) => {
  const parsed = z.array(ZToolCall).safeParse(value);
  return parsed.success ? parsed.data : [];
};

export function storedEnd(turn: TStoredOutcome): TStreamEnd | undefined {
  if (turn.state !== "answered" && turn.state !== "failed") return undefined;
  const usage = turn.inputTokens !== null && turn.outputTokens !== null ? { inputTokens: turn.inputTokens, outputTokens: turn.outputTokens } : null;
  const error =
    turn.state === "failed"
      ? { outcome: toTurnOutcome(turn.errorOutcome), status: turn.errorStatus, message: turn.errorMessage ?? "Every provider failed." }
      : null;
  return {
    ok: turn.state === "answered",
    providers: turn.answeredBy ? [turn.answeredBy] : [],
    failedOver: turn.failedOver,
    usage,
    error,
    toolCalls: toolCallsOf(turn.toolCalls),
    finishReason: turn.finishReason,
  };
}

export type TTurnStreamWriter = {
  text(delta: string): void;
  meta(meta: TStreamMeta): void;
  // Resolves once every entry before it (and the end itself) is written.
  end(end: TStreamEnd): Promise<void>;
};

// Writes never hold a turn up: each is sent at once on the worker's
// connection (commands keep their order), and a failed write is reported,
// not thrown, because PostgreSQL still receives the answer.
export function openTurnStream({ redis, turnId, onError }: { redis: Redis; turnId: string; onError: (error: unknown) => void }): TTurnStreamWriter {
  const key = streamKey(turnId);
  let pending = "";
  let flushScheduled = false;
  let last: Promise<unknown> = Promise.resolve();
  const add = (type: string, value: string) => {
    last = redis.xadd(key, "MAXLEN", "~", MAX_ENTRIES, "*", "t", type, "v", value).catch(onError);
  };
  const flush = () => {
    flushScheduled = false;
    if (!pending) return;
    add("text", pending);
    pending = "";
  };
  add("run", "");
  redis.expire(key, OPEN_TTL_SECONDS).catch(onError);
  return {
    text(delta) {
      pending += delta;
      if (flushScheduled) return;
      flushScheduled = true;
      setImmediate(flush);
    },
    meta(meta) {
      flush();
      add("meta", JSON.stringify(meta));
    },
    async end(end) {
      flush();
      add("end", JSON.stringify(end));
      await last;
      await redis.expire(key, SETTLED_TTL_SECONDS).catch(onError);
    },
  };
}

// The end alone, for a turn settled without a run to write it (its job gave
// up, or the reconciler found it overdue): whoever follows the stream stops
// waiting and gets the stored error.
export async function endTurnStream({ redis, turnId, end }: { redis: Redis; turnId: string; end: TStreamEnd }): Promise<void> {
  const key = streamKey(turnId);
  await redis.xadd(key, "MAXLEN", "~", MAX_ENTRIES, "*", "t", "end", "v", JSON.stringify(end));
  await redis.expire(key, SETTLED_TTL_SECONDS);
}

export type TDelivered = {
  // The text the caller has already received, or undefined when the stream
  // was trimmed and the start of the answer is no longer known.
  text: string | undefined;
  providers: string[];
};

// What an earlier run of the turn already sent, read by the worker that
// takes the turn over.
export async function readDelivered(redis: Redis, turnId: string): Promise<TDelivered> {
  const rows = await redis.xrange(streamKey(turnId), "-", "+");
  const entries = rows.map(([, fields]) => parseEntry(fields)).filter((e): e is TStreamEntry => e !== undefined);
  const complete = entries.length === 0 || entries[0]?.type === "run";
  let text = "";
  const providers: string[] = [];
  for (const entry of entries) {
    if (entry.type === "text") text += entry.text;
    if (entry.type === "meta" && !providers.includes(entry.provider)) providers.push(entry.provider);
  }
  return { text: complete ? text : undefined, providers };
}

// What a reader of the stream is handed: its entries, and "idle" after a
// while without one (follow-turn.ts).
export type TFollowItem = TStreamEntry | { type: "idle" };
