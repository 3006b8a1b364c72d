// Every failure of the public API leaves in OpenAI's error shape, so the
// official clients raise their usual typed errors.
import { isDatabaseUnavailable } from "../db/unavailable";
import { AppError, HTTP_STATUS, type TErrorCode } from "../errors";
import { log } from "../log";

// turnId: the stored turn an error is about, for GET /api/v1/turns/{id}.
type TDetails = { type: string; param?: string | null; code?: string | null; headers?: Record<string, string>; turnId?: string };

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

// The request's name for a field that a lib function's error names as a
// form would (camelCase), so the error's param points at it.
const PARAM_OF_FIELD: Record<string, string> = { conversationId: "conversation_id", messages: "messages" };
const paramOf = (error: AppError) => PARAM_OF_FIELD[Object.keys(error.fields ?? {})[0] ?? ""] ?? null;

function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof AppError) return new ApiError(HTTP_STATUS[error.code], error.message, { ...APP_ERRORS[error.code], param: paramOf(error) });
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

function knownOrLogged(error: unknown): ApiError {
  const known = toApiError(error);
  if (known) return known;
  log.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, "api request failed");
  return new ApiError(500, "Something went wrong on our side. Try again in a moment.", { type: "server_error" });
}

// Once the turn is stored, sending the request again would start a second
// turn and a second answer: whatever goes wrong after that point tells the
// client not to retry, and names the turn, whose answer
// GET /api/v1/turns/{id} returns once it is there.
export function afterStored(error: unknown, turnId: string): ApiError {
  const known = knownOrLogged(error);
  const { status, message, details } = known;
  if (details.turnId) return known;
  // An error that already says "do not retry" (the turn failed, or timed
  // out) says what to do; any other is about to be turned into one.
  const told = details.headers?.["x-should-retry"] === "false";
  const text = told ? message : `The turn is stored, but waiting for its answer failed. ${fetchLater(turnId)}`;
  return new ApiError(status, text, { ...details, turnId, headers: { ...details.headers, ...NO_RETRY } });
}

export const fetchLater = (turnId: string) => `Do not send the request again: GET /api/v1/turns/${turnId} returns the answer once it is there.`;

export function errorResponse(error: unknown): Response {
  const { status, message, details } = knownOrLogged(error);
  const turn = details.turnId ? { turn_id: details.turnId } : {};
  const body = { error: { message, type: details.type, param: details.param ?? null, code: details.code ?? null, ...turn } };
  return Response.json(body, { status, headers: { "cache-control": API_CACHE_CONTROL, ...details.headers } });
}
