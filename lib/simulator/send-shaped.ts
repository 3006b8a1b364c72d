// Sends an answer under a stream-shape key: its text chunks spaced in time,
// then the ending the key names (finish, reset, silence or in-band error),
// or no ending at all.
import type { ServerResponse } from "node:http";

import { shapedAnswer } from "./conversation";
import type { TDialect } from "./dialect";
import { pause, sendError, sendJson } from "./http-util";
import { formatSse, openSse, type TSseEvent, writeSse } from "./sse";
import { ENDLESS_BATCH, type TStreamShape } from "./stream-shape";
import type { TChunkClock } from "./timeline";
import type { TSimTurn } from "./turn";

// setTimeout fires at once past this (about 24.8 days); a longer wait is
// clamped to it, which no client will outlast anyway.
const MAX_TIMER_MS = 2 ** 31 - 1;

// chunkSent notes on the key's timeline each text chunk as it is written.
type TShapedCall = { res: ServerResponse; dialect: TDialect; turn: TSimTurn; key: string; shape: TStreamShape; sse: boolean; chunkSent: TChunkClock };

// A reset, not a FIN: the client sees ECONNRESET, as when a vendor's proxy dies.
function resetConnection(res: ServerResponse): void {
  if (res.socket) res.socket.resetAndDestroy();
  else res.destroy();
}

// How events go on the wire, and the pause between two text pieces (with
// `every`, between any two events).
type TPace = { frame: (event: TSseEvent) => string; ms: number; chunkSent: TChunkClock; every?: boolean };

/**
 * Writes one event, a text piece after the pause that spaces it from the one
 * before (`first`: none came before). False once the client has left: a
 * client that leaves mid-pause ends it, as pause frees its timer on close.
 */
async function writePaced(res: ServerResponse, event: TSseEvent, pace: TPace, first: boolean): Promise<boolean> {
  const spaced = event.carriesText || pace.every === true;
  if (spaced && !first && pace.ms > 0 && !(await pause(res, pace.ms))) return false;
  if (res.destroyed) return false;
  const frame = pace.frame(event);
  if (event.carriesText) pace.chunkSent();
  await writeSse(res, frame);
  return true;
}

const sseFrames = (lineEnd: "\n" | "\r\n") => (event: TSseEvent) => formatSse(event, lineEnd);

type TStreamed = { events: TSseEvent[]; lineEnd: "\n" | "\r\n"; shape: TStreamShape; streamError: TSseEvent; chunkSent: TChunkClock };

/**
 * Streams until `shape.chunks` text events are out, then ends as the shape
 * says; a healthy shape streams everything.
 */
async function streamShaped(res: ServerResponse, { events, lineEnd, shape, streamError, chunkSent }: TStreamed): Promise<void> {
  openSse(res);
  const stopAt = shape.end === "finish" ? undefined : shape.chunks;
  const pace: TPace = { frame: sseFrames(lineEnd), ms: shape.ms, chunkSent, every: shape.paceEvery };
  let sent = 0;
  for (const [index, event] of events.entries()) {
    if (event.carriesText && sent === stopAt) return endBroken(res, shape, formatSse(streamError, lineEnd));
    if (!(await writePaced(res, event, pace, shape.paceEvery ? index === 0 : sent === 0))) return;
    if (event.carriesText) sent++;
  }
  res.end();
}

// Without SSE, an endless answer is a JSON array of the vendor's chunks (the
// way Gemini streams without alt=sse) that never closes.
function jsonArrayFrames(): TPace["frame"] {
  let separator = "[";
  return (event) => {
    const frame = separator + JSON.stringify(event.data);
    separator = ",";
    return frame;
  };
}

/**
 * An endless shape: the vendor's opening, then text pieces, batch after
 * batch, never its finish. Only the client leaving (or server.close) ends
 * it; each write waits for the socket, so a slow reader is not buffered for.
 */
async function streamEndless({ res, dialect, turn, shape, chunkSent, sse }: TShapedCall): Promise<void> {
  const pace: TPace = { frame: sse ? sseFrames(dialect.sseLineEnd) : jsonArrayFrames(), ms: shape.ms, chunkSent };
  if (sse) openSse(res);
  else res.writeHead(200, { "content-type": "application/json" });
  for (let sent = 0; ;) {
    const events = dialect.events(shapedAnswer(turn, dialect.vendor, shape, sent), turn);
    const pieces = events.filter((event) => event.carriesText).slice(0, ENDLESS_BATCH);
    const opening =
      sent === 0 && sse
        ? events.slice(
            0,
            events.findIndex((event) => event.carriesText),
          )
        : [];
    for (const event of [...opening, ...pieces]) {
      if (!(await writePaced(res, event, pace, sent === 0))) return;
      if (event.carriesText) sent++;
    }
  }
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
  if (shape.end === "endless") return streamEndless({ ...call, sse: turn.stream && call.sse });
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
