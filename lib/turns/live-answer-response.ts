// The Chat tab's live answer as server-sent events: the turn's Redis Stream
// read from its start, so a tab that opens late still gets every word.
//
//   event: run   data: {}                                  a worker took the turn
//   event: meta  data: {"provider":"…","failedOver":false} who writes the text
//   event: text  data: {"text":"…"}                        the next piece of the answer
//   event: end   data: {"ok":…,"providers":[…],"failedOver":…,"usage":…,"error":…}
//   : keep-alive                                           15 s without an entry
//
// The response only reads: a browser that leaves stops the reading, never
// the turn. PostgreSQL is the record, so a turn that settled without an end
// in Redis (the stream expired or was lost) still ends the response.
//
// An open response holds a lease (stream-leases.ts): a person may follow
// STREAMS_PER_USER answers at once, and an organization STREAMS_PER_ORG
// (its API streams included). Past either: 429 with Retry-After and a
// sentence for the tab to show, and the answer appears once it is stored.
import { resolveMembership } from "../auth/membership";
import { isDatabaseUnavailable } from "../db/unavailable";
import { AppError, HTTP_STATUS, notFound } from "../errors";
import { log } from "../log";
import { findTurn } from "./find-turn";
import { followTurn, type TTurnFollower } from "./follow-turn";
import { takeStreamLease, type TStreamTake } from "./stream-leases";
import { storedEnd, type TStreamEntry } from "./turn-stream";

const HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" };
// Longer than the longest turn budget (30 min): a turn that never settles
// does not hold its lease for ever; the tab falls back to refreshing.
const MAX_OPEN_MS = 35 * 60_000;
const KEEP_ALIVE = ": keep-alive\n\n";

type TScope = { orgId: string; agentSlug: string; turnId: string };

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

function toEvent(entry: Exclude<TStreamEntry, { type: "end" }>): string {
  if (entry.type === "text") return sse("text", { text: entry.text });
  if (entry.type === "meta") return sse("meta", { provider: entry.provider, failedOver: entry.failedOver });
  return sse("run", {});
}

// Resolves true once the stream itself ended, false when the reading
// stopped before that.
async function relay({ follower, scope, write }: { follower: TTurnFollower; scope: TScope; write: (chunk: string) => Promise<void> }): Promise<boolean> {
  const started = Date.now();
  for await (const item of follower.items) {
    if (item.type === "end") {
      // Written once the settled turn was committed: it is the stored outcome.
      const { type: _type, ...end } = item;
      await write(sse("end", end));
      // The reader stops by itself after the end entry.
      continue;
    }
    if (item.type !== "idle") {
      await write(toEvent(item));
      continue;
    }
    await write(KEEP_ALIVE);
    const stored = await findTurn(scope).catch((error: unknown) => {
      log.warn({ turnId: scope.turnId, err: { message: error instanceof Error ? error.message : String(error) } }, "live answer could not read the turn");
      return undefined;
    });
    // Deleted with its conversation: there is nothing left to tell.
    if (stored === null) return false;
    const end = stored && storedEnd(stored);
    if (end) {
      await write(sse("end", end));
      return false;
    }
    if (Date.now() - started > MAX_OPEN_MS) return false;
  }
  return true;
}

function streamTurn({ scope, signal, release }: { scope: TScope; signal: AbortSignal; release: () => void }): Response {
  const follower = followTurn({ turnId: scope.turnId });
  const encoder = new TextEncoder();
  // Once stopped (end told, browser gone, or Redis failed), nothing is
  // written and the reader is not touched again.
  let stopped = false;
  // Set while a write waits for the browser to read (see write below).
  let room: (() => void) | undefined;
  const stop = ({ drained }: { drained: boolean }) => {
    if (stopped) return false;
    stopped = true;
    signal.removeEventListener("abort", onAbort);
    if (!drained) follower.close();
    release();
    room?.();
    return true;
  };
  const onAbort = () => {
    stop({ drained: false });
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A browser slower than the answer is waited for here, so what it has
      // not read yet waits in the follower's bounded buffer (or in Redis),
      // not in this response.
      const write = async (chunk: string) => {
        if (stopped) return;
        controller.enqueue(encoder.encode(chunk));
        if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (room = resolve));
      };
      const finish = (drained: boolean) => {
        if (stop({ drained })) controller.close();
      };
      signal.addEventListener("abort", onAbort, { once: true });
      relay({ follower, scope, write }).then(finish, (error: unknown) => {
        // Closed without an end: the tab says so and refreshes until the turn settles.
        if (!stopped) log.warn({ turnId: scope.turnId, err: { message: error instanceof Error ? error.message : String(error) } }, "live answer stream failed");
        finish(false);
      });
    },
    pull() {
      room?.();
      room = undefined;
    },
    cancel: onAbort,
  });
  return new Response(body, { headers: HEADERS });
}

// Said in the Chat tab as it stands, so it names what the person can do.
function tooManyStreams(refused: Extract<TStreamTake, { ok: false }>): Response {
  const who = refused.full === "owner" ? "You are following" : "Your organization is following";
  const error = `${who} ${refused.cap} answers live already, the most allowed at once. This answer will appear here when it is ready; close other Chat tabs to follow it live.`;
  return Response.json({ error }, { status: 429, headers: { "cache-control": "no-store", "retry-after": String(refused.retryAfterSeconds) } });
}

function plainError(error: unknown): Response {
  const headers = { "cache-control": "no-store" };
  if (error instanceof AppError) return Response.json({ error: error.message }, { status: HTTP_STATUS[error.code], headers });
  if (isDatabaseUnavailable(error)) return Response.json({ error: "The database is unavailable. Try again in a moment." }, { status: 503, headers });
  log.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, "live answer request failed");
  return Response.json({ error: "Something went wrong on our side. Try again in a moment." }, { status: 500, headers });
}

// Any member may follow a turn, viewers included (they read conversations).
// Signed out, not a member, another agent's or another organization's turn:
// not found, in plain JSON.
export async function liveAnswerResponse({
  userId,
  orgSlug,
  agentSlug,
  turnId,
  signal,
}: {
  userId: string | null;
  orgSlug: string;
  agentSlug: string;
  turnId: string;
  signal: AbortSignal;
}): Promise<Response> {
  try {
    if (!userId) throw notFound("Turn not found");
    const ctx = await resolveMembership({ userId, orgSlug, permission: "org:read" });
    const scope = { orgId: ctx.orgId, agentSlug, turnId };
    const turn = await findTurn(scope);
    if (!turn) throw notFound("Turn not found");
    const settled = storedEnd(turn);
    if (settled) return new Response(sse("end", settled), { headers: HEADERS });
    const taken = await takeStreamLease({ orgId: ctx.orgId, owner: { userId } });
    if (!taken.ok) return tooManyStreams(taken);
    return streamTurn({ scope, signal, release: taken.lease.release });
  } catch (error) {
    return plainError(error);
  }
}
