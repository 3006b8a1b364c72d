import { errorResponse } from "@/lib/api/api-error";
import { authenticateRequest } from "@/lib/api/authenticate-request";
import { turnResponse } from "@/lib/api/get-turn";
import { env } from "@/lib/env";
import { observedRoute } from "@/lib/observability/api-telemetry";

export const dynamic = "force-dynamic";

// A turn's answer, for a caller whose wait for it failed: the error named the turn.
export const GET = observedRoute("/api/v1/turns/{id}", async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  try {
    const caller = await authenticateRequest(request, { perMinute: env().API_RATE_LIMIT_PER_MINUTE });
    return await turnResponse({ caller, id: (await params).id });
  } catch (error) {
    return errorResponse(error);
  }
});
