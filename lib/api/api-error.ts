// Every failure of the public API leaves in OpenAI's error shape, so the
// official clients raise their usual typed errors.
import { AppError, HTTP_STATUS, type TErrorCode } from "../errors";
import { isDatabaseUnavailable } from "../db/unavailable";
import { log } from "../log";

type TDetails = { type: string; param?: string | null; code?: string | null; headers?: Record<string, string> };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: TDetails,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

// OpenAI's clients retry 409, 429 and 5xx on their own. A turn that already
// failed over, timed out while it may still be answered, or hit a stopped
// agent must not be sent again behind the caller's back.
export const NO_RETRY = { "x-should-retry": "false" };

const APP_ERRORS: Record<TErrorCode, Omit<TDetails, "param">> = {
  NOT_FOUND: { type: "invalid_request_error", code: "not_found" },
  FORBIDDEN: { type: "invalid_request_error", code: "forbidden" },
  INVALID_INPUT: { type: "invalid_request_error", code: "invalid_value" },
  CONFLICT: { type: "invalid_request_error", code: "agent_not_running", headers: NO_RETRY },
  RATE_LIMITED: { type: "requests", code: "rate_limit_exceeded" },
  UNAVAILABLE: { type: "server_error", code: "service_unavailable" },
};

function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof AppError) return new ApiError(HTTP_STATUS[error.code], error.message, APP_ERRORS[error.code]);
  if (isDatabaseUnavailable(error)) {
    log.error({ err: { message: error instanceof Error ? error.message : String(error) } }, "api request failed: database unavailable");
    return new ApiError(503, "The database is unavailable. Try again in a moment.", APP_ERRORS.UNAVAILABLE);
  }
  return null;
}

// A few hundred bytes of JSON are not worth gzip's CPU (it was 1.6% of the
// web process's under load); no-transform keeps Next's compression, and any
// proxy, off the API's responses. Nothing of an answer may be cached.
export const API_CACHE_CONTROL = "no-store, no-transform";

export function errorResponse(error: unknown): Response {
  const known = toApiError(error);
  if (!known) {
    log.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, "api request failed");
  }
  const { status, message, details } = known ?? new ApiError(500, "Something went wrong on our side. Try again in a moment.", { type: "server_error" });
  const body = { error: { message, type: details.type, param: details.param ?? null, code: details.code ?? null } };
  return Response.json(body, { status, headers: { "cache-control": API_CACHE_CONTROL, ...details.headers } });
}
