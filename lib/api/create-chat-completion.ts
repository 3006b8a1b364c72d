import type { TApiCaller } from "../api-keys/authenticate-api-key";
import { submitTurn } from "../turns/submit-turn";
import { watchTurn, type TSettledTurn } from "../turns/wait-for-turn";
import { ApiError, NO_RETRY } from "./api-error";
import { modelNotFound } from "./list-models";
import type { TChatCompletionRequest } from "./schemas";
import { toTurnMessages } from "./to-turn-messages";

// The agent's turn budget bounds the providers; past it the API still waits
// this long for the queue and the settle before it gives up on the answer.
const WAIT_MARGIN_MS = 60_000;

export const answerWaitMs = (caller: Pick<TApiCaller, "turnBudgetMs">) => caller.turnBudgetMs + WAIT_MARGIN_MS;

// Outcomes the backup would hit the same way: the request itself is at fault.
const CALLER_FAULT = new Set(["bad_request", "context_length", "content_filter"]);

export function turnFailure(failed: { errorOutcome: string | null; errorMessage: string | null }): ApiError {
  const code = failed.errorOutcome ?? "unknown";
  // The primary's own error: the engine reports it when every link failed.
  const message = failed.errorMessage ?? "Every provider of the agent failed.";
  if (CALLER_FAULT.has(code)) return new ApiError(400, message, { type: "invalid_request_error", code, headers: NO_RETRY });
  return new ApiError(502, message, { type: "server_error", code, headers: NO_RETRY });
}

export const answerTimeout = (waitMs: number) =>
  // The turn may still be answered later; it then shows in the conversation.
  new ApiError(504, `The agent did not answer within ${Math.round(waitMs / 1000)} seconds.`, { type: "server_error", code: "answer_timeout", headers: NO_RETRY });

// One chat completion is one turn of the agent, stored before it is queued.
export async function submitChatTurn({ orgId, agentId, agentSlug, request, turnId }: TApiCaller & { request: TChatCompletionRequest; turnId?: string }) {
  if (request.model !== agentSlug) throw modelNotFound(request.model);
  const messages = toTurnMessages(request.messages, { continuing: Boolean(request.conversation_id) });
  return submitTurn({ orgId, agentId, source: "api", turnId, conversationId: request.conversation_id ?? null, messages });
}

// Without `stream`: the answer is returned once the turn has settled.
export async function createChatCompletion({ request, timeoutMs, ...caller }: TApiCaller & { request: TChatCompletionRequest; timeoutMs?: number }): Promise<TSettledTurn> {
  const waitMs = timeoutMs ?? answerWaitMs(caller);
  const watch = await watchTurn({ orgId: caller.orgId });
  const turn = await submitChatTurn({ ...caller, request, turnId: watch.turnId })
    .then(() => watch.settled(waitMs))
    .finally(watch.close);
  if (!turn) throw answerTimeout(waitMs);
  if (turn.state === "failed") throw turnFailure(turn);
  return turn;
}
