import { errorResponse } from "@/lib/api/api-error";
import { authenticateRequest } from "@/lib/api/authenticate-request";
import { completionResponse } from "@/lib/api/completion-response";
import { createChatCompletion } from "@/lib/api/create-chat-completion";
import { readIdempotencyKey } from "@/lib/api/idempotency-key";
import { parseChatCompletionRequest, readBodyText } from "@/lib/api/read-request";
import { streamChatCompletion } from "@/lib/api/stream-chat-completion";
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
    if (body.stream) return await streamChatCompletion({ ...caller, request: body, idempotencyKey });
    const turn = await createChatCompletion({ ...caller, request: body, idempotencyKey });
    return completionResponse({ turn, model: body.model });
  } catch (error) {
    return errorResponse(error);
  }
});
