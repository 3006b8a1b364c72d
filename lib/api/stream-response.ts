// A turn's answer as OpenAI chat.completion.chunk server-sent events, read
// live from the turn's Redis Stream while the worker writes it. The stream
// is pulled only as fast as the caller reads, and a caller who goes away
// stops the reading, never the turn.
import { redactAddresses } from "../providers/redact-addresses";
import { followTurn, type TTurnFollower } from "../turns/follow-turn";
import { storedEnd, type TFollowItem, type TStreamEnd } from "../turns/turn-stream";
import { readSettled, type TSettledTurn } from "../turns/wait-for-turn";
import { afterStored } from "./api-error";
import { providerHeaders, toUsage, toWireToolCalls, wireFinishReason } from "./completion-response";
import { answerTimeout, turnFailure } from "./create-chat-completion";
import type { TChatCompletionRequest } from "./schemas";

const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" };
// Sent when nothing has come for a while, so proxies keep the connection.
const KEEP_ALIVE = ": keep-alive\n\n";
const STORED_POLL_MS = 2000;

type TStreamTurn = { turnId: string; orgId: string; conversationId: string; request: TChatCompletionRequest; waitMs: number };
// Gives back the open stream's lease (stream-leases.ts) once it ends or the caller leaves.
type TRelease = { release: () => void };

// The first sign of the answer: who speaks first, its end, or a wait long
// enough that the caller should get bytes (a keep-alive) before the provider.
async function firstSignal(items: AsyncGenerator<TFollowItem>): Promise<TFollowItem | undefined> {
  for (let next = await items.next(); !next.done; next = await items.next()) {
    if (next.value.type !== "run") return next.value;
  }
  return undefined;
}

function errorChunk(error: { message: string; outcome: string }) {
  return `data: ${JSON.stringify({ error: { message: redactAddresses(error.message), type: "server_error", param: null, code: error.outcome } })}\n\n`;
}

// A replayed turn that has settled, told from PostgreSQL as its stream told
// it (the stream itself expires minutes after the end).
function storedFollower(turn: TSettledTurn): TTurnFollower {
  const end = storedEnd(turn);
  async function* items(): AsyncGenerator<TFollowItem> {
    if (turn.answeredBy) yield { type: "meta", provider: turn.answeredBy, failedOver: turn.failedOver };
    if (turn.answer) yield { type: "text", text: turn.answer };
    if (end) yield { type: "end", ...end };
  }
  const generator = items();
  return { items: generator, close: () => void generator.return(undefined).catch(() => undefined) };
}

// `replayed`: a request with an Idempotency-Key already used, which gets the
// stored turn's answer, waiting for it as the first request would. A
// response that never starts leaves the lease to its caller.
export async function streamCompletion(input: TStreamTurn & TRelease & { replayed: boolean }): Promise<Response> {
  try {
    return await startStream(input);
  } catch (error) {
    throw afterStored(error, input.turnId);
  }
}

async function startStream({ replayed, ...input }: TStreamTurn & TRelease & { replayed: boolean }): Promise<Response> {
  const stored = replayed ? await readSettled(input.turnId, input.orgId) : null;
  const follower = stored ? storedFollower(stored) : followTurn({ turnId: input.turnId });
  // The live stream cannot be read (Redis is gone): the response starts
  // without it and waits for the answer in PostgreSQL (see pull below).
  const first = await firstSignal(follower.items).catch(() => {
    follower.close();
    return undefined;
  });
  // A turn that fails before its first token is an ordinary HTTP error.
  if (first?.type === "end" && !first.ok && first.error) {
    follower.close();
    throw turnFailure({ errorOutcome: first.error.outcome, errorMessage: first.error.message });
  }
  const speaker =
    first?.type === "meta"
      ? { name: first.provider, failedOver: first.failedOver }
      : first?.type === "end"
        ? { name: first.providers[0] ?? "", failedOver: first.failedOver }
        : undefined;
  const body = sseBody({ ...input, follower, first });
  return new Response(body, { headers: { ...SSE_HEADERS, ...(speaker ? providerHeaders(speaker) : {}) } });
}

function sseBody({
  turnId,
  orgId,
  conversationId,
  request,
  waitMs,
  release,
  follower,
  first,
}: TStreamTurn & TRelease & { follower: TTurnFollower; first: TFollowItem | undefined }) {
  const encoder = new TextEncoder();
  const deadline = Date.now() + waitMs;
  const includeUsage = request.stream_options?.include_usage === true;
  const base = {
    id: `chatcmpl-${turnId}`,
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    conversation_id: conversationId,
  };
  // As OpenAI does: with include_usage every chunk carries "usage": null and
  // one last chunk without choices carries the totals.
  const chunk = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({ ...base, choices, ...(includeUsage ? { usage: null } : {}), ...extra })}\n\n`;
  const delta = (d: object, finish: ReturnType<typeof wireFinishReason> | null = null, extra?: object) =>
    chunk([{ index: 0, delta: d, logprobs: null, finish_reason: finish }], extra);
  // Tool calls leave once the answer has been judged, so each goes whole: a
  // chunk naming it, then one with its arguments, as OpenAI's deltas do.
  const toolCallDeltas = (end: TStreamEnd) =>
    toWireToolCalls(end.toolCalls ?? [])
      .map(
        ({ function: fn, ...call }, index) =>
          delta({ tool_calls: [{ index, ...call, function: { name: fn.name, arguments: "" } }] }) +
          delta({ tool_calls: [{ index, function: { arguments: fn.arguments } }] }),
      )
      .join("");
  // Only its length: holding the text would keep each whole answer in memory.
  let sentLength = 0;
  let finished = false;
  let cancelled = false;

  const endWith = (end: TStreamEnd): string => {
    finished = true;
    if (!end.ok) return errorChunk({ message: end.error?.message ?? "The turn failed", outcome: end.error?.outcome ?? "server_error" });
    const understudy = { providers: end.providers, failover: end.failedOver };
    const usage = end.usage ? toUsage(end.usage.inputTokens, end.usage.outputTokens) : toUsage(0, 0);
    const calls = toolCallDeltas(end);
    const finish = wireFinishReason({ toolCalls: end.toolCalls ?? [], finishReason: end.finishReason });
    return calls + delta({}, finish, { understudy }) + (includeUsage ? chunk([], { usage }) : "") + "data: [DONE]\n\n";
  };

  const fromStored = (stored: TSettledTurn): string => {
    const answer = stored.answer ?? "";
    // The stored answer is the streamed text, so what the caller lacks is its tail.
    const rest = answer.slice(sentLength);
    return (
      (rest ? delta({ content: rest }) : "") +
      endWith(storedEnd(stored) ?? { ok: false, providers: [], failedOver: false, usage: null, error: null, toolCalls: [], finishReason: null })
    );
  };

  // Nothing new for a while: keep the connection open, and make sure the
  // turn has not settled behind the stream's back (its end lost in Redis).
  const idle = async (): Promise<string> => {
    const stored = await readSettled(turnId, orgId).catch(() => null);
    if (stored) return fromStored(stored);
    if (Date.now() > deadline) {
      finished = true;
      return errorChunk({ message: answerTimeout(waitMs, turnId).message, outcome: "answer_timeout" });
    }
    return KEEP_ALIVE;
  };

  const render = async (item: TFollowItem): Promise<string> => {
    if (item.type === "text") {
      sentLength += item.text.length;
      return delta({ content: item.text });
    }
    if (item.type === "end") return endWith(item);
    if (item.type === "idle") return idle();
    return "";
  };

  const emit = (controller: ReadableStreamDefaultController<Uint8Array>, text: string) => {
    if (text) controller.enqueue(encoder.encode(text));
    if (!finished) return;
    follower.close();
    release();
    controller.close();
  };

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      emit(controller, delta({ role: "assistant", content: "" }) + (first ? await render(first) : ""));
    },
    async pull(controller) {
      // A pull that enqueues nothing is not called again: read on until an
      // entry says something to the caller.
      for (let next = await follower.items.next().catch(() => undefined); next && !next.done; next = await follower.items.next().catch(() => undefined)) {
        const text = await render(next.value);
        if (text) return emit(controller, text);
      }
      // The live stream is gone (Redis unreachable): PostgreSQL has the
      // answer once the turn settles, so wait for it there.
      while (!finished && !cancelled) {
        emit(controller, await idle());
        if (!finished) await new Promise((resolve) => setTimeout(resolve, STORED_POLL_MS));
      }
    },
    cancel() {
      cancelled = true;
      follower.close();
      release();
    },
  });
}
