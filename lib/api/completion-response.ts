// A settled, answered turn in OpenAI's wire format: one chat.completion, or
// the same answer as chat.completion.chunk server-sent events. The worker
// never hands out half an answer, so a stream starts only once it is whole.
import type { TSettledTurn } from "../turns/wait-for-turn";
import { API_CACHE_CONTROL } from "./api-error";
import type { TChatCompletionRequest } from "./schemas";

// Header values must be ASCII; a display name with other characters is
// percent-encoded rather than refused.
const headerSafe = (value: string) => (/^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value));

// Word by word, keeping the whitespace, as a model would stream it.
const pieces = (text: string) => text.match(/\s*\S+\s*/gu) ?? [text];

export function completionResponse({ turn, request }: { turn: TSettledTurn; request: TChatCompletionRequest }): Response {
  const answer = turn.answer ?? "";
  const base = { id: `chatcmpl-${turn.id}`, created: turn.created, model: request.model, conversation_id: turn.conversationId };
  const prompt = turn.inputTokens ?? 0;
  const completion = turn.outputTokens ?? 0;
  const usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  const headers = {
    "cache-control": API_CACHE_CONTROL,
    "x-understudy-provider": headerSafe(turn.answeredBy ?? ""),
    "x-understudy-failover": String(turn.failedOver),
  };
  if (!request.stream) {
    const message = { role: "assistant", content: answer, refusal: null };
    return Response.json({ ...base, object: "chat.completion", choices: [{ index: 0, message, logprobs: null, finish_reason: "stop" }], usage }, { headers });
  }
  // As OpenAI does: with include_usage every chunk carries "usage": null and
  // one last chunk without choices carries the totals.
  const includeUsage = request.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], extra: object = includeUsage ? { usage: null } : {}) =>
    `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices, ...extra })}\n\n`;
  const delta = (d: object, finish: "stop" | null = null) => chunk([{ index: 0, delta: d, logprobs: null, finish_reason: finish }]);
  const events = [
    delta({ role: "assistant", content: "" }),
    ...pieces(answer).map((content) => delta({ content })),
    delta({}, "stop"),
    ...(includeUsage ? [chunk([], { usage })] : []),
    "data: [DONE]\n\n",
  ];
  return new Response(events.join(""), {
    headers: { ...headers, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform" },
  });
}
