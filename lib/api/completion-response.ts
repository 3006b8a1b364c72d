// A settled, answered turn as one OpenAI chat.completion (the answer without
// `stream`; stream-response.ts writes the streamed form).
import type { TToolCall } from "../providers/types";
import type { TSettledTurn } from "../turns/wait-for-turn";
import { API_CACHE_CONTROL } from "./api-error";

// Header values must be ASCII; a display name with other characters is
// percent-encoded rather than refused.
const headerSafe = (value: string) => (/^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value));

// Who produced the answer's first token, and whether that was a backup.
export function providerHeaders(provider: { name: string; failedOver: boolean }) {
  return { "x-understudy-provider": headerSafe(provider.name), "x-understudy-failover": String(provider.failedOver) };
}

export const toUsage = (input: number | null, output: number | null) => {
  const prompt = input ?? 0;
  const completion = output ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
};

// OpenAI's shape of the tool calls an answer hands back.
export const toWireToolCalls = (calls: readonly TToolCall[]) =>
  calls.map((call) => ({ id: call.id, type: "function" as const, function: { name: call.name, arguments: call.arguments } }));

// OpenAI's finish_reason for an answer: its calls handed back, the caller's
// max_tokens reached, or a natural end.
export function wireFinishReason({ toolCalls, finishReason }: { toolCalls: readonly TToolCall[]; finishReason: string | null | undefined }) {
  if (toolCalls.length) return "tool_calls";
  return finishReason === "length" ? "length" : "stop";
}

export function completionResponse({ turn, model }: { turn: TSettledTurn; model: string }): Response {
  const toolCalls = turn.toolCalls ?? [];
  const message = toolCalls.length
    ? { role: "assistant", content: turn.answer || null, refusal: null, tool_calls: toWireToolCalls(toolCalls) }
    : { role: "assistant", content: turn.answer ?? "", refusal: null };
  const body = {
    id: `chatcmpl-${turn.id}`,
    object: "chat.completion",
    created: turn.created,
    model,
    conversation_id: turn.conversationId,
    choices: [{ index: 0, message, logprobs: null, finish_reason: wireFinishReason({ toolCalls, finishReason: turn.finishReason }) }],
    usage: toUsage(turn.inputTokens, turn.outputTokens),
  };
  const headers = { "cache-control": API_CACHE_CONTROL, ...providerHeaders({ name: turn.answeredBy ?? "", failedOver: turn.failedOver }) };
  return Response.json(body, { headers });
}
