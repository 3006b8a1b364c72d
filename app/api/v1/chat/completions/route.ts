import { authenticateRequest } from "@/lib/api/authenticate-request";
import { errorResponse } from "@/lib/api/api-error";
import { completionResponse } from "@/lib/api/completion-response";
import { createChatCompletion } from "@/lib/api/create-chat-completion";
import { parseChatCompletionRequest, readBodyText } from "@/lib/api/read-request";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

// OpenAI-compatible: the official clients work with baseURL <app>/api/v1, the
// agent's key as apiKey and the agent's slug as model.
export async function POST(request: Request) {
  try {
    const perMinute = env().API_RATE_LIMIT_PER_MINUTE;
    const caller = await authenticateRequest(request, { perMinute });
    const body = parseChatCompletionRequest(await readBodyText(request));
    const turn = await createChatCompletion({ ...caller, request: body });
    return completionResponse({ turn, request: body });
  } catch (error) {
    return errorResponse(error);
  }
}
