import { API_CACHE_CONTROL, errorResponse } from "@/lib/api/api-error";
import { authenticateRequest } from "@/lib/api/authenticate-request";
import { agentModel } from "@/lib/api/list-models";
import { env } from "@/lib/env";
import { observedRoute } from "@/lib/observability/api-telemetry";

export const dynamic = "force-dynamic";

// OpenAI's models.list(): the key's agent is its one model.
export const GET = observedRoute("/api/v1/models", async (request: Request) => {
  try {
    const caller = await authenticateRequest(request, { perMinute: env().API_RATE_LIMIT_PER_MINUTE });
    return Response.json({ object: "list", data: [await agentModel(caller)] }, { headers: { "cache-control": API_CACHE_CONTROL } });
  } catch (error) {
    return errorResponse(error);
  }
});
