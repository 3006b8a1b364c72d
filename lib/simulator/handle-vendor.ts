// One vendor API call: the key picks a behaviour, the behaviour picks an
// error, a delay, a dropped connection or an answer in the vendor's format.
import type { IncomingMessage, ServerResponse } from "node:http";

import { flakyCallFails, type TAnswerVariant, type TBehaviour, type TSimErrorKind } from "./behaviours";
import { answerTurn } from "./conversation";
import type { TDialect, TSimRoute } from "./dialect";
import { parseJson, pause, readBody, sendError, sendJson, sendPaddedError } from "./http-util";
import { sendShaped } from "./send-shaped";
import { streamSse } from "./sse";
import type { TSimState } from "./stats";
import type { TStreamShape } from "./stream-shape";
import type { TSimTurn } from "./turn";

// The request log keeps thousands of bodies; one past this size is kept as
// its size only (a continuation of a megabyte answer carries the megabyte).
const MAX_LOGGED_BODY = 256 * 1024;

type TPlan =
  | { type: "error"; error: TSimErrorKind }
  | { type: "error_body"; bytes: number }
  | { type: "filter" }
  | { type: "shaped"; shape: TStreamShape }
  | { type: "answer"; variant: TAnswerVariant; cutAfter?: number; errorInStream?: boolean };

// Behaviours that shape the answer; timeout and reset never get an answer,
// and slow has already waited by the time the answer is planned.
function planFor(behaviour: Exclude<TBehaviour, { kind: "timeout" | "reset" }>, callNumber: number): TPlan {
  switch (behaviour.kind) {
    case "answer":
      return { type: "answer", variant: behaviour.variant };
    case "error":
      return { type: "error", error: behaviour.error };
    case "error_body":
      return { type: "error_body", bytes: behaviour.bytes };
    case "filter":
      return { type: "filter" };
    case "overloaded_in_stream":
      return { type: "answer", variant: "normal", errorInStream: true };
    case "flaky":
      return flakyCallFails(behaviour.percent, callNumber) ? { type: "error", error: "unavailable" } : { type: "answer", variant: "normal" };
    case "first_calls":
      return { type: "answer", variant: callNumber <= behaviour.calls ? behaviour.variant : "normal" };
    case "stream_cut":
      return { type: "answer", variant: "normal", cutAfter: behaviour.afterChunks };
    case "slow":
      return { type: "answer", variant: "normal" };
    case "shaped":
      return { type: "shaped", shape: behaviour.shape };
  }
}

async function sendAnswer(res: ServerResponse, dialect: TDialect, turn: TSimTurn, plan: Extract<TPlan, { type: "answer" }>) {
  const answer = answerTurn(turn, dialect.vendor, plan.variant);
  if (!turn.stream) {
    if (plan.cutAfter === undefined) return sendJson(res, 200, dialect.render(answer, turn));
    const payload = JSON.stringify(dialect.render(answer, turn));
    res.writeHead(200, { "content-type": "application/json" });
    res.write(payload.slice(0, Math.floor(payload.length / 2)));
    res.socket?.destroySoon();
    return;
  }
  const all = dialect.events(answer, turn);
  // Vendors report an error that strikes mid-answer as an event right after
  // the stream opened, then close the stream.
  const events = plan.errorInStream ? [...all.slice(0, 1), dialect.streamError()] : all;
  await streamSse(res, { events, lineEnd: dialect.sseLineEnd, cutAfter: plan.cutAfter });
}

type TVendorCall = {
  dialect: TDialect;
  route: TSimRoute;
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  state: TSimState;
};

export async function handleVendorCall({ dialect, route, req, res, query, state }: TVendorCall): Promise<void> {
  const key = dialect.apiKey(req, query) ?? "";
  const raw = await readBody(req);
  const chunkSent = state.callArrived(key);
  const body = parseJson(raw);
  const logged = raw.length > MAX_LOGGED_BODY ? { omitted: `${raw.length} characters` } : (body ?? raw);
  const callNumber = state.recordCall(key, { vendor: dialect.vendor, path: req.url ?? "", body: logged });
  const behaviour = state.behaviourFor(key) ?? { kind: "error", error: "unauthorized" };

  // Accept and never answer; closing the client or the simulator frees it.
  if (behaviour.kind === "timeout") return;
  if (behaviour.kind === "reset") {
    req.socket.resetAndDestroy();
    return;
  }
  if (behaviour.kind === "slow" && !(await pause(res, behaviour.ms))) return;
  if (behaviour.kind === "error" && behaviour.error === "unauthorized") return sendError(res, dialect.error("unauthorized", { model: route.model ?? "", key }));

  const turn = body === undefined ? "Request body is not valid JSON." : dialect.parse(body, route);
  if (typeof turn === "string") return sendError(res, dialect.invalid(turn));

  const plan = planFor(behaviour, callNumber);
  const context = { model: turn.model, key };
  if (plan.type === "error") return sendError(res, dialect.error(plan.error, context));
  if (plan.type === "error_body") return sendPaddedError(res, dialect.error("bad_request", context), plan.bytes);
  if (plan.type === "shaped") return sendShaped({ res, dialect, turn, key, shape: plan.shape, sse: route.sse !== false, chunkSent });
  if (plan.type === "filter") {
    const refusal = dialect.filtered();
    if (refusal) return sendError(res, refusal);
    return sendAnswer(res, dialect, turn, { type: "answer", variant: "filter" });
  }
  if (plan.errorInStream && !turn.stream) return sendError(res, dialect.error("overloaded", context));
  if (turn.stream && route.sse === false) {
    // Gemini without alt=sse streams one JSON array instead of events.
    const answer = answerTurn(turn, dialect.vendor, plan.variant);
    return sendJson(
      res,
      200,
      dialect.events(answer, turn).map((event) => event.data),
    );
  }
  await sendAnswer(res, dialect, turn, plan);
}
