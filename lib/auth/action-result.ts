import { z } from "zod";

import { AppError } from "../errors";
import { log } from "../log";

// `values` echoes non-secret input so a form keeps what the person typed.
export type TActionFailure = { ok: false; error: string; fields?: Record<string, string>; values?: Record<string, string> };
export type TActionResult<T = void> = { ok: true; data: T } | TActionFailure;

// The input of an action whose whole subject is in its URL (deleting an agent).
export const ZNoInput = z.strictObject({});

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? "form");
    fields[name] ??= issue.message;
  }
  return fields;
}

// Expected failures become a message a person can act on; anything else is
// logged with context and shown generically.
export function toActionError(error: unknown, context: Record<string, unknown>): TActionFailure {
  if (error instanceof AppError) return { ok: false, error: error.message, fields: error.fields };
  if (error instanceof z.ZodError) return { ok: false, error: "Check the highlighted fields.", fields: fieldErrors(error) };
  log.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error), ...context }, "action failed");
  return { ok: false, error: "Something went wrong on our side. Try again in a moment." };
}
