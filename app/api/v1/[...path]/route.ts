import { ApiError, errorResponse } from "@/lib/api/api-error";
import { observedRoute } from "@/lib/observability/api-telemetry";

export const dynamic = "force-dynamic";

// Unknown API paths answer in the API's JSON error shape, not the HTML 404 page.
// Counted under one template, whatever path was asked for.
const unknownEndpoint = observedRoute("/api/v1/{path}", async (request: Request) => {
  const { pathname } = new URL(request.url);
  return errorResponse(
    new ApiError(
      404,
      `Unknown endpoint ${request.method} ${pathname}. This API serves POST /api/v1/chat/completions, GET /api/v1/turns/{id} and GET /api/v1/models.`,
      { type: "invalid_request_error", code: "unknown_url" },
    ),
  );
});

export { unknownEndpoint as DELETE, unknownEndpoint as GET, unknownEndpoint as PATCH, unknownEndpoint as POST, unknownEndpoint as PUT };
