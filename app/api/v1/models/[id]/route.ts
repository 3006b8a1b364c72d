import { API_CACHE_CONTROL, errorResponse } from "@/lib/api/api-error";
import { authenticateRequest } from "@/lib/api/authenticate-request";
import { agentModel, modelNotFound } from "@/lib/api/list-models";
import { env } from "@/lib/env";
import { observedRoute } from "@/lib/observability/api-telemetry";

export const dynamic = "force-dynamic";

// OpenAI's models.retrieve(id): only the key's own agent is found.
export const GET = observedRoute("/api/v1/models/{id}", async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  try {
    const caller = await authenticateRequest(request, { perMinute: env().API_RATE_LIMIT_PER_MINUTE });
    const { id } = await params;
    if (id !== caller.agentSlug) throw modelNotFound(id);
    return Response.json(await agentModel(caller), { headers: { "cache-control": API_CACHE_CONTROL } });
  } catch (error) {
    return errorResponse(error);
  }
});
