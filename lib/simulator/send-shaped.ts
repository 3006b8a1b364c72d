// Sends an answer under a stream-shape key: its text chunks spaced in time,
// then the ending the key names (finish, reset, silence or in-band error).
import type { ServerResponse } from "node:http";
import { shapedAnswer } from "./conversation";
import type { TDialect } from "./dialect";
import { pause, sendError, sendJson } from "./http-util";
import { formatSse, openSse, writeSse, type TSseEvent } from "./sse";
import type { TStreamShape } from "./stream-shape";
import type { TChunkClock } from "./timeline";
import type { TSimTurn } from "./turn";

// setTimeout fires at once past this (about 24.8 days); a longer wait is
// clamped to it, which no client will outlast anyway.
const MAX_TIMER_MS = 2 ** 31 - 1;

// chunkSent notes on the key's timeline each text chunk as it is written.
export type TShapedCall = { res: ServerResponse; dialect: TDialect; turn: TSimTurn; key: string; shape: TStreamShape; sse: boolean; chunkSent: TChunkClock };

// A reset, not a FIN: the client sees ECONNRESET, as when a vendor's proxy dies.
function resetConnection(res: ServerResponse): void {
  if (res.socket) res.socket.resetAndDestroy();
  else res.destroy();
}

type TStreamed = { events: TSseEvent[]; lineEnd: "\n" | "\r\n"; shape: TStreamShape; streamError: TSseEvent; chunkSent: TChunkClock };

/**
 * Streams until `shape.chunks` text events are out, then ends as the shape
 * says; a healthy shape streams everything. A client that leaves mid-pause
 * ends it: pause frees its timer on close, so nothing is left holding on.
 */
async function streamShaped(res: ServerResponse, { events, lineEnd, shape, streamError, chunkSent }: TStreamed): Promise<void> {
  openSse(res);
  const stopAt = shape.end === "finish" ? undefined : shape.chunks;
  let sent = 0;
  for (const event of events) {
    if (event.carriesText) {
      if (sent === stopAt) return endBroken(res, shape, formatSse(streamError, lineEnd));
      if (sent > 0 && shape.ms > 0 && !(await pause(res, shape.ms))) return;
      sent++;
    }
    if (res.destroyed) return;
    const frame = formatSse(event, lineEnd);
    if (event.carriesText) chunkSent();
    await writeSse(res, frame);
  }
  res.end();
}

function endBroken(res: ServerResponse, shape: TStreamShape, errorEvent: string): void {
  if (shape.end === "cut") return resetConnection(res);
  // Stall: write nothing more and keep the response open; the client leaving
  // or server.close (closeAllConnections) is what ends it.
  if (shape.end === "stall") return;
  res.end(errorEvent);
}

async function answerWhole({ res, dialect, turn, shape }: TShapedCall): Promise<void> {
  const wait = Math.min(shape.chunks * shape.ms, MAX_TIMER_MS);
  if (wait > 0 && !(await pause(res, wait))) return;
  const answer = shapedAnswer(turn, dialect.vendor, shape);
  // Gemini's streamGenerateContent without alt=sse sends the chunks as one JSON array.
  const body = turn.stream ? dialect.events(answer, turn).map((event) => event.data) : dialect.render(answer, turn);
  sendJson(res, 200, body);
}

export async function sendShaped(call: TShapedCall): Promise<void> {
  const { res, dialect, turn, shape } = call;
  if (turn.stream && call.sse) {
    const events = dialect.events(shapedAnswer(turn, dialect.vendor, shape), turn);
    return streamShaped(res, { events, lineEnd: dialect.sseLineEnd, shape, streamError: dialect.streamError(), chunkSent: call.chunkSent });
  }
  switch (shape.end) {
    case "finish":
      return answerWhole(call);
    case "cut":
      return resetConnection(res);
    case "stall":
      // Never answer; the client leaving or server.close frees the request.
      return;
    case "error":
      return sendError(res, dialect.error("overloaded", { model: turn.model, key: call.key }));
  }
}
