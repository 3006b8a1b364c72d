// Gemini's response, stream chunk and error (google.rpc.Status) shapes.
import type { TSimErrorKind } from "./behaviours";
import type { TSimAnswer } from "./conversation";
import type { TSimHttpError } from "./dialect";
import { randomId } from "./ids";
import type { TSseEvent } from "./sse";
import type { TSimTurn } from "./turn";

export function geminiBody(code: number, status: string, message: string, details?: unknown[]) {
  return { error: { code, message, status, ...(details ? { details } : {}) } };
}

const RETRY_INFO = { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "1s" };

function quotaFailure(model: string) {
  return {
    "@type": "type.googleapis.com/google.rpc.QuotaFailure",
    violations: [
      {
        quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
        quotaId: "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
        quotaDimensions: { location: "global", model },
        quotaValue: "200",
      },
    ],
  };
}

function httpError(code: number, status: string, message: string, details?: unknown[], headers?: Record<string, string>): TSimHttpError {
  return { status: code, headers, body: geminiBody(code, status, message, details) };
}

export function geminiError(kind: TSimErrorKind, { model }: { model: string }): TSimHttpError {
  switch (kind) {
    case "rate_limit":
      return httpError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", [RETRY_INFO], { "retry-after": "1" });
    case "quota":
      return httpError(
        429,
        "RESOURCE_EXHAUSTED",
        "You exceeded your current quota, please check your plan and billing details. " +
          "For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
        [quotaFailure(model), RETRY_INFO],
      );
    case "server_error":
      return httpError(
        500,
        "INTERNAL",
        "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
      );
    case "unavailable":
      return httpError(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
    case "overloaded":
      return httpError(529, "UNAVAILABLE", "The model is overloaded. Please try again later.");
    case "unauthorized":
      // Gemini answers a wrong API key with 400, not 401.
      return httpError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "API_KEY_INVALID",
          domain: "googleapis.com",
          metadata: { service: "generativelanguage.googleapis.com" },
        },
      ]);
    case "model_not_found":
      return httpError(
        404,
        "NOT_FOUND",
        `models/${model} is not found for API version v1beta, or is not supported for generateContent. ` +
          "Call ListModels to see the list of available models and their supported methods.",
      );
    case "bad_request":
      return httpError(400, "INVALID_ARGUMENT", "Request contains an invalid argument.");
    case "context":
      return httpError(400, "INVALID_ARGUMENT", "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).");
  }
}

function usageMetadata(answer: TSimAnswer) {
  return {
    promptTokenCount: answer.inputTokens,
    candidatesTokenCount: answer.outputTokens,
    totalTokenCount: answer.inputTokens + answer.outputTokens,
  };
}

// Gemini's args are a JSON object on the wire; a string stands for the
// garbled arguments some Gemini-format servers send.
function functionCallPart(call: TSimAnswer["toolCalls"][number]) {
  let args: unknown = call.arguments;
  try {
    args = JSON.parse(call.arguments);
  } catch {
    // Keep the raw text: sim-badjson-tool wants it delivered unparsed.
  }
  return { functionCall: { name: call.name, args } };
}

function finishReason(answer: TSimAnswer): string {
  // A tool-call turn without a usable call is what Gemini reports as a malformed call.
  if (answer.finish === "tool_calls" && !answer.toolCalls.length) return "MALFORMED_FUNCTION_CALL";
  return answer.finish === "length" ? "MAX_TOKENS" : "STOP";
}

const SAFETY_BLOCK = {
  blockReason: "SAFETY",
  safetyRatings: [{ category: "HARM_CATEGORY_DANGEROUS_CONTENT", probability: "HIGH", blocked: true }],
};

type TResponseParts = { turn: TSimTurn; answer: TSimAnswer; id: string; withUsage: boolean };

function response({ turn, answer, id, withUsage }: TResponseParts, candidate?: Record<string, unknown>) {
  return {
    ...(candidate ? { candidates: [{ index: 0, ...candidate }] } : { promptFeedback: SAFETY_BLOCK }),
    ...(withUsage ? { usageMetadata: usageMetadata(answer) } : {}),
    modelVersion: turn.model,
    responseId: id,
  };
}

export function renderGemini(answer: TSimAnswer, turn: TSimTurn): unknown {
  const base = { turn, answer, id: randomId("", 22), withUsage: true };
  if (answer.finish === "filter") return response(base);
  const parts = [...(answer.text ? [{ text: answer.text }] : []), ...answer.toolCalls.map(functionCallPart)];
  const content = parts.length ? { role: "model", parts } : { role: "model" };
  return response(base, { content, finishReason: finishReason(answer) });
}

export function geminiEvents(answer: TSimAnswer, turn: TSimTurn): TSseEvent[] {
  const id = randomId("", 22);
  if (answer.finish === "filter") return [{ data: response({ turn, answer, id, withUsage: true }) }];
  const pieces = answer.chunks.map((text) => [{ text }]);
  const calls = answer.toolCalls.map((call) => [functionCallPart(call)]);
  const partsList: unknown[][] = [...pieces, ...calls];
  if (!partsList.length) partsList.push([]);
  return partsList.map((parts, i) => {
    const last = i === partsList.length - 1;
    const content = parts.length ? { role: "model", parts } : { role: "model" };
    const candidate = { content, ...(last ? { finishReason: finishReason(answer) } : {}) };
    return { data: response({ turn, answer, id, withUsage: last }, candidate), carriesText: i < pieces.length };
  });
}
