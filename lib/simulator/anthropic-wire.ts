// Anthropic's message, stream event and error shapes.
import type { TSimErrorKind } from "./behaviours";
import type { TSimAnswer } from "./conversation";
import type { TSimHttpError } from "./dialect";
import { randomId } from "./ids";
import type { TSseEvent } from "./sse";
import type { TSimTurn } from "./turn";

const STOP_REASON = { stop: "end_turn", tool_calls: "tool_use", filter: "refusal", length: "max_tokens" } as const;

export function anthropicBody(type: string, message: string) {
  return { type: "error", error: { type, message } };
}

function httpError(status: number, type: string, message: string, headers?: Record<string, string>): TSimHttpError {
  return { status, headers, body: { ...anthropicBody(type, message), request_id: randomId("req_") } };
}

export function anthropicError(kind: TSimErrorKind, { model }: { model: string }): TSimHttpError {
  switch (kind) {
    case "rate_limit":
      return httpError(
        429,
        "rate_limit_error",
        "This request would exceed the rate limit for your organization of 50 requests per minute. " +
          "For details, refer to: https://docs.claude.com/en/api/rate-limits.",
        { "retry-after": "1", "anthropic-ratelimit-requests-remaining": "0" },
      );
    case "quota":
      // What Anthropic really answers when prepaid credit runs out (a 400, not a 429).
      return httpError(
        400,
        "invalid_request_error",
        "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
      );
    case "server_error":
      return httpError(500, "api_error", "Internal server error");
    case "unavailable":
      return httpError(503, "api_error", "Service unavailable");
    case "overloaded":
      return httpError(529, "overloaded_error", "Overloaded");
    case "unauthorized":
      return httpError(401, "authentication_error", "invalid x-api-key");
    case "model_not_found":
      return httpError(404, "not_found_error", `model: ${model}`);
    case "bad_request":
      return httpError(400, "invalid_request_error", "Invalid request: the simulator was asked to reject this request.");
    case "context":
      return httpError(400, "invalid_request_error", "prompt is too long: 208310 tokens > 200000 maximum");
  }
}

function contentBlocks(answer: TSimAnswer) {
  const text = answer.text ? [{ type: "text" as const, text: answer.text, chunks: answer.chunks }] : [];
  const tools = answer.toolCalls.map((call) => ({ type: "tool_use" as const, id: randomId("toolu_"), name: call.name, arguments: call.arguments }));
  return [...text, ...tools];
}

function parsedOrRaw(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function renderAnthropic(answer: TSimAnswer, turn: TSimTurn): unknown {
  return {
    id: randomId("msg_"),
    type: "message",
    role: "assistant",
    model: turn.model,
    content: contentBlocks(answer).map((block) =>
      block.type === "text" ? { type: "text", text: block.text } : { type: "tool_use", id: block.id, name: block.name, input: parsedOrRaw(block.arguments) },
    ),
    stop_reason: STOP_REASON[answer.finish],
    stop_sequence: null,
    usage: { input_tokens: answer.inputTokens, output_tokens: answer.outputTokens },
  };
}

function blockEvents(block: ReturnType<typeof contentBlocks>[number], index: number): TSseEvent[] {
  const event = (type: string, data: Record<string, unknown>): TSseEvent => ({ event: type, data: { type, index, ...data } });
  if (block.type === "text") {
    return [
      event("content_block_start", { content_block: { type: "text", text: "" } }),
      ...block.chunks.map((text) => ({ ...event("content_block_delta", { delta: { type: "text_delta", text } }), carriesText: true })),
      event("content_block_stop", {}),
    ];
  }
  const half = Math.ceil(block.arguments.length / 2);
  const pieces = ["", block.arguments.slice(0, half), block.arguments.slice(half)];
  return [
    event("content_block_start", { content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } }),
    ...pieces.map((partial_json) => event("content_block_delta", { delta: { type: "input_json_delta", partial_json } })),
    event("content_block_stop", {}),
  ];
}

export function anthropicEvents(answer: TSimAnswer, turn: TSimTurn): TSseEvent[] {
  const message = {
    id: randomId("msg_"),
    type: "message",
    role: "assistant",
    model: turn.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: answer.inputTokens, output_tokens: 1 },
  };
  return [
    { event: "message_start", data: { type: "message_start", message } },
    { event: "ping", data: { type: "ping" } },
    ...contentBlocks(answer).flatMap(blockEvents),
    {
      event: "message_delta",
      data: { type: "message_delta", delta: { stop_reason: STOP_REASON[answer.finish], stop_sequence: null }, usage: { output_tokens: answer.outputTokens } },
    },
    { event: "message_stop", data: { type: "message_stop" } },
  ];
}
