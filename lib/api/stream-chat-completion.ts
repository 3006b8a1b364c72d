// A streamed chat completion. The open stream takes a lease first: its API
// key and its organization may hold only so many at once
// (stream-leases.ts). Past a cap the request is refused before anything is
// stored, so the retry that its 429 invites starts nothing twice.
import type { TApiCaller } from "../api-keys/authenticate-api-key";
import { takeStreamLease, type TStreamLease } from "../turns/stream-leases";
import { ApiError } from "./api-error";
import { answerWaitMs, submitChatTurn, type TChatTurn } from "./create-chat-completion";
import { streamCompletion } from "./stream-response";

async function takeApiStreamLease({ orgId, keyId }: Pick<TApiCaller, "orgId" | "keyId">): Promise<TStreamLease> {
  const taken = await takeStreamLease({ orgId, owner: { apiKeyId: keyId } });
  if (taken.ok) return taken.lease;
  const holder = taken.full === "owner" ? "this API key" : "this organization (its API keys and Chat tabs together)";
  const message =
    `${taken.cap} streamed answers are already open for ${holder}, the most allowed at once. ` +
    `Retry in ${taken.retryAfterSeconds} s, once one has ended, or send the request without "stream".`;
  throw new ApiError(429, message, { type: "requests", code: "too_many_streams", headers: { "retry-after": String(taken.retryAfterSeconds) } });
}

export async function streamChatCompletion(chat: TChatTurn): Promise<Response> {
  const lease = await takeApiStreamLease(chat);
  try {
    const turn = await submitChatTurn(chat);
    const stream = { turnId: turn.id, orgId: chat.orgId, conversationId: turn.conversationId, request: chat.request, waitMs: answerWaitMs(chat) };
    return await streamCompletion({ ...stream, replayed: turn.replayed, release: lease.release });
  } catch (error) {
    lease.release();
    throw error;
  }
}
