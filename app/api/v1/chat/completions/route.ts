import { errorResponse } from "@/lib/api/api-error";
import { authenticateRequest } from "@/lib/api/authenticate-request";
import { completionResponse } from "@/lib/api/completion-response";
import { answerWaitMs, createChatCompletion, submitChatTurn } from "@/lib/api/create-chat-completion";
import { readIdempotencyKey } from "@/lib/api/idempotency-key";
import { parseChatCompletionRequest, readBodyText } from "@/lib/api/read-request";
import { streamCompletion } from "@/lib/api/stream-response";
import { env } from "@/lib/env";
import { observedRoute } from "@/lib/observability/api-telemetry";

export const dynamic = "force-dynamic";

// OpenAI-compatible: the official clients work with baseURL <app>/api/v1, the
// agent's key as apiKey and the agent's slug as model.
export const POST = observedRoute("/api/v1/chat/completions", async (request: Request) => {
  try {
    const perMinute = env().API_RATE_LIMIT_PER_MINUTE;
    const caller = await authenticateRequest(request, { perMinute });
    const idempotencyKey = readIdempotencyKey(request);
    const body = parseChatCompletionRequest(await readBodyText(request));
    if (body.stream) {
      const turn = await submitChatTurn({ ...caller, request: body, idempotencyKey });
      const stream = { turnId: turn.id, orgId: caller.orgId, conversationId: turn.conversationId, request: body, waitMs: answerWaitMs(caller) };
      return await streamCompletion({ ...stream, replayed: turn.replayed });
    }
    const turn = await createChatCompletion({ ...caller, request: body, idempotencyKey });
    return completionResponse({ turn, model: body.model });
  } catch (error) {
    return errorResponse(error);
  }
});
