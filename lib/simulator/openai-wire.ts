// OpenAI's response, stream chunk and error shapes.
import type { TSimErrorKind } from "./behaviours";
import type { TSimAnswer } from "./conversation";
import type { TSimHttpError } from "./dialect";
import { maskKey, randomId } from "./ids";
import type { TSseEvent } from "./sse";
import type { TSimTurn } from "./turn";

const FINISH = { stop: "stop", tool_calls: "tool_calls", filter: "content_filter", length: "length" } as const;

function body(message: string, type: string | null, code: string | null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

export function openAiError(kind: TSimErrorKind, { model, key }: { model: string; key: string }): TSimHttpError {
  switch (kind) {
    case "rate_limit":
      return {
        status: 429,
        headers: { "retry-after": "1", "x-ratelimit-remaining-requests": "0" },
        body: body(
          `Rate limit reached for ${model} in organization org-sim on requests per min (RPM): Limit 3, Used 3, Requested 1. ` +
            "Please try again in 1s. Visit https://platform.openai.com/account/rate-limits to learn more.",
          "requests",
          "rate_limit_exceeded",
        ),
      };
    case "quota":
      return {
        status: 429,
        body: body(
          "You exceeded your current quota, please check your plan and billing details. " +
            "For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
          "insufficient_quota",
          "insufficient_quota",
        ),
      };
    case "server_error":
      return { status: 500, body: body("The server had an error while processing your request. Sorry about that!", "server_error", null) };
    case "unavailable":
      return { status: 503, body: body("The server is overloaded or not ready yet.", "server_error", null) };
    case "overloaded":
      return { status: 529, body: body("The engine is currently overloaded, please try again later.", "server_error", null) };
    case "unauthorized":
      return {
        status: 401,
        body: body(
          `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          "invalid_request_error",
          "invalid_api_key",
        ),
      };
    case "model_not_found":
      return { status: 404, body: body(`The model \`${model}\` does not exist or you do not have access to it.`, "invalid_request_error", "model_not_found") };
    case "bad_request":
      return {
        status: 400,
        body: body("Invalid request: the simulator was asked to reject this request.", "invalid_request_error", "invalid_value", "messages"),
      };
    case "context":
      return {
        status: 400,
        body: body(
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.",
          "invalid_request_error",
          "context_length_exceeded",
          "messages",
        ),
      };
  }
}

// Azure OpenAI's prompt filter, the common way an OpenAI-format API refuses a prompt.
export function openAiFiltered(): TSimHttpError {
  return {
    status: 400,
    body: body(
      "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
      null,
      "content_filter",
      "prompt",
    ),
  };
}

function wireToolCalls(answer: TSimAnswer) {
  return answer.toolCalls.map((call) => ({
    id: randomId("call_"),
    type: "function" as const,
    function: { name: call.name, arguments: call.arguments },
  }));
}

function usage(answer: TSimAnswer) {
  return {
    prompt_tokens: answer.inputTokens,
    completion_tokens: answer.outputTokens,
    total_tokens: answer.inputTokens + answer.outputTokens,
  };
}

export function renderOpenAi(answer: TSimAnswer, turn: TSimTurn): unknown {
  const toolCalls = wireToolCalls(answer);
  return {
    id: randomId("chatcmpl-"),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: turn.model,
    system_fingerprint: "fp_sim",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: toolCalls.length ? null : answer.text,
          refusal: null,
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: FINISH[answer.finish],
      },
    ],
    usage: usage(answer),
  };
}

type TDelta = Record<string, unknown>;

export function openAiEvents(answer: TSimAnswer, turn: TSimTurn): TSseEvent[] {
  const id = randomId("chatcmpl-");
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: TDelta, finish: string | null = null): TSseEvent => ({
    data: {
      id,
      object: "chat.completion.chunk",
      created,
      model: turn.model,
      system_fingerprint: "fp_sim",
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(turn.includeUsage ? { usage: null } : {}),
    },
  });
  const events = [chunk({ role: "assistant", content: "", refusal: null })];
  for (const piece of answer.chunks) events.push({ ...chunk({ content: piece }), carriesText: true });
  for (const [index, call] of wireToolCalls(answer).entries()) {
    events.push(chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }] }));
    const args = call.function.arguments;
    const half = Math.ceil(args.length / 2);
    for (const part of [args.slice(0, half), args.slice(half)].filter(Boolean)) {
      events.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
    }
  }
  events.push(chunk({}, FINISH[answer.finish]));
  if (turn.includeUsage) {
    events.push({ data: { id, object: "chat.completion.chunk", created, model: turn.model, system_fingerprint: "fp_sim", choices: [], usage: usage(answer) } });
  }
  events.push({ data: "[DONE]" });
  return events;
}
