import type { TApiCaller } from "../api-keys/authenticate-api-key";
import { submitTurn } from "../turns/submit-turn";
import { watchTurn, type TSettledTurn } from "../turns/wait-for-turn";
import { ApiError, NO_RETRY } from "./api-error";
import type { TChatCompletionRequest } from "./schemas";
import { toTurnMessages } from "./to-turn-messages";

// Generous: a chain of slow providers, each with its own timeout, may take a
// while, and the caller would rather wait than lose the answer.
export const ANSWER_TIMEOUT_MS = 150_000;

// Outcomes the backup would hit the same way: the request itself is at fault.
const CALLER_FAULT = new Set(["bad_request", "context_length", "content_filter"]);

function failure(turn: TSettledTurn): ApiError {
  const code = turn.errorOutcome ?? "unknown";
  // The primary's own error: the engine reports it when every link failed.
  const message = turn.errorMessage ?? "Every provider of the agent failed.";
  if (CALLER_FAULT.has(code)) return new ApiError(400, message, { type: "invalid_request_error", code, headers: NO_RETRY });
  return new ApiError(502, message, { type: "server_error", code, headers: NO_RETRY });
}

// One chat completion is one turn of the agent: stored, answered by a worker
// with failover, and returned once settled.
export async function createChatCompletion({
  orgId,
  agentId,
  agentSlug,
  request,
  timeoutMs = ANSWER_TIMEOUT_MS,
}: TApiCaller & { request: TChatCompletionRequest; timeoutMs?: number }): Promise<TSettledTurn> {
  if (request.model !== agentSlug) {
    throw new ApiError(404, `The model '${request.model}' does not exist or this key cannot use it. Set model to the agent's slug.`, {
      type: "invalid_request_error",
      param: "model",
      code: "model_not_found",
    });
  }
  const messages = toTurnMessages(request.messages, { continuing: Boolean(request.conversation_id) });
  const watch = await watchTurn({ orgId });
  const turn = await submitTurn({ orgId, agentId, source: "api", turnId: watch.turnId, conversationId: request.conversation_id ?? null, messages })
    .then(() => watch.settled(timeoutMs))
    .finally(watch.close);
  if (!turn) {
    // The turn may still be answered later; it then shows in the conversation.
    throw new ApiError(504, `The agent did not answer within ${timeoutMs / 1000} seconds.`, { type: "server_error", code: "answer_timeout", headers: NO_RETRY });
  }
  if (turn.state === "failed") throw failure(turn);
  return turn;
}
