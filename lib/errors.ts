// The one error type for expected failures. Entry points turn it into a form
// error or an HTTP status; anything else is logged and shown generically.
export const ERROR_CODES = ["NOT_FOUND", "FORBIDDEN", "INVALID_INPUT", "CONFLICT", "RATE_LIMITED", "UNAVAILABLE"] as const;
export type TErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    // Field-level messages for forms: { email: "Already registered" }.
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Not found") => new AppError("NOT_FOUND", what);

export const HTTP_STATUS: Record<TErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};
