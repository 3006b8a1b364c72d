import type { TApiCaller } from "../api-keys/authenticate-api-key";
import { db } from "../db/client";
import { redactAddresses } from "../providers/redact-addresses";
import { pendingToolCalls } from "../turns/pending-tool-calls";
import { IdempotencyKeyReused } from "../turns/replay-turn";
import { submitTurn, type TSubmitted } from "../turns/submit-turn";
import { toTurnOutcome, type TTurnOutcome } from "../turns/turn-outcome";
import { type TSettledTurn, watchTurn } from "../turns/wait-for-turn";
import { afterStored, ApiError, fetchLater, NO_RETRY } from "./api-error";
import { toCallerOptions } from "./caller-options";
import { keyReused } from "./idempotency-key";
import { modelNotFound } from "./list-models";
import { requestHash } from "./request-hash";
import type { TChatCompletionRequest } from "./schemas";
import { toTurnMessages } from "./to-turn-messages";

// The agent's turn budget bounds the providers; past it the API still waits
// this long for the queue and the settle before it gives up on the answer.
const WAIT_MARGIN_MS = 60_000;

export const answerWaitMs = (caller: Pick<TApiCaller, "turnBudgetMs">) => caller.turnBudgetMs + WAIT_MARGIN_MS;

// The request itself is at fault: the backup would hit it the same way.
const CALLER_FAULT = { status: 400, type: "invalid_request_error" };

// A failed turn's HTTP status; any outcome not named here is the providers'
// failure (502). The error's code is always the outcome.
const TOLD_AS: Partial<Record<TTurnOutcome, { status: number; type: string }>> = {
  bad_request: CALLER_FAULT,
  context_length: CALLER_FAULT,
  content_filter: CALLER_FAULT,
  // As the request was told when the agent or the queue refused it at once.
  agent_not_running: { status: 409, type: "invalid_request_error" },
  unavailable: { status: 503, type: "server_error" },
};

export function turnFailure(failed: { errorOutcome: string | null; errorMessage: string | null }): ApiError {
  const code = toTurnOutcome(failed.errorOutcome);
  // The primary's own error: the engine reports it when every link failed.
  // The caller gets its class, status and words, without the addresses.
  const message = redactAddresses(failed.errorMessage ?? "Every provider of the agent failed.");
  const { status, type } = TOLD_AS[code] ?? { status: 502, type: "server_error" };
  return new ApiError(status, message, { type, code, headers: NO_RETRY });
}

export const answerTimeout = (waitMs: number, turnId: string) =>
  // The turn may still be answered later; it then shows in the conversation.
  new ApiError(504, `The agent did not answer within ${Math.round(waitMs / 1000)} seconds. ${fetchLater(turnId)}`, {
    type: "server_error",
    code: "answer_timeout",
    headers: NO_RETRY,
    turnId,
  });

// Only a request that brings tools needs the agent's built-in ones, to refuse
// a caller tool that takes one's name.
async function builtinTools({ orgId, agentId }: TApiCaller, request: TChatCompletionRequest): Promise<string[]> {
  if (!request.tools?.length) return [];
  const agent = await db.agent.findFirst({ where: { id: agentId, orgId }, select: { tools: true } });
  return agent?.tools ?? [];
}

const invalidMessages = (message: string) => new ApiError(400, message, { type: "invalid_request_error", param: "messages", code: "invalid_value" });

// In a stored conversation, the tool calls handed back last must all be
// answered, and before anything else: the vendors refuse a history where a
// call has no result.
async function storedToolCalls(caller: TApiCaller, conversationId: string, request: TChatCompletionRequest): Promise<Map<string, string>> {
  const pending = await pendingToolCalls({ orgId: caller.orgId, conversationId });
  if (pending.size === 0) return pending;
  const answered = new Set(request.messages.flatMap((m) => (m.role === "tool" ? [m.tool_call_id] : [])));
  const missing = [...pending.keys()].find((id) => !answered.has(id));
  if (missing) throw invalidMessages(`The agent's last answer in this conversation called tools; send a tool message for each call (missing: "${missing}").`);
  return pending;
}

export type TChatTurn = TApiCaller & { request: TChatCompletionRequest; idempotencyKey?: string };

// One chat completion is one turn of the agent, stored before it is queued;
// with an Idempotency-Key already used, the turn stored then.
export async function submitChatTurn({ request, turnId, idempotencyKey, ...caller }: TChatTurn & { turnId?: string }): Promise<TSubmitted> {
  const { orgId, agentId, agentSlug } = caller;
  if (request.model !== agentSlug) throw modelNotFound(request.model);
  const callerOptions = toCallerOptions(request, caller, await builtinTools(caller, request));
  const conversationId = request.conversation_id ?? null;
  const stored = conversationId ? await storedToolCalls(caller, conversationId, request) : undefined;
  const messages = toTurnMessages(request.messages, { continuing: Boolean(conversationId), storedToolCalls: stored });
  const idempotency = idempotencyKey ? { key: idempotencyKey, requestHash: requestHash(request) } : undefined;
  const submit = { orgId, agentId, apiKeyId: caller.keyId, source: "api" as const, turnId, conversationId, messages, callerOptions, idempotency };
  return submitTurn(submit).catch((error: unknown) => {
    throw error instanceof IdempotencyKeyReused ? keyReused() : error;
  });
}

// Without `stream`: the answer is returned once the turn has settled. The
// watch starts before the turn exists, so its announcement cannot slip by;
// a replayed turn is watched under its own id.
export async function createChatCompletion({ timeoutMs, ...chat }: TChatTurn & { timeoutMs?: number }): Promise<TSettledTurn> {
  const { orgId } = chat;
  const waitMs = timeoutMs ?? answerWaitMs(chat);
  const fresh = await watchTurn({ orgId });
  const turn = await submitChatTurn({ ...chat, turnId: fresh.turnId }).catch((error: unknown) => {
    fresh.close();
    throw error;
  });
  if (turn.replayed) fresh.close();
  const watch = turn.replayed ? await watchTurn({ orgId, turnId: turn.id, stored: true }) : fresh;
  try {
    const settled = await watch.settled(waitMs);
    if (!settled) throw answerTimeout(waitMs, turn.id);
    if (settled.state === "failed") throw turnFailure(settled);
    return settled;
  } catch (error) {
    throw afterStored(error, turn.id);
  } finally {
    watch.close();
  }
}
