// The one error a provider call throws: a class the failover engine can act
// on, and a message a person can read. It never carries the key, request
// headers or the SDK error (whose fields hold the request body).
import { APICallError } from "@ai-sdk/provider";

import { BodyCapError } from "./capped-body";
import { StreamFailure } from "./collect-stream";
import type { TDeadline } from "./deadline";
import { describeOutcome } from "./describe-outcome";
import { classifyHttpError, isNetworkFailure, parseErrorBody } from "./error-map";
import { outsideText } from "./outside-text";
import { retryAfterMs } from "./retry-after";
import type { TOutcomeClass, TVendor } from "./types";

type TProviderErrorInit = {
  outcome: TOutcomeClass;
  vendor: TVendor;
  message: string;
  latencyMs: number;
  status?: number;
  retryAfterMs?: number;
};

export class ProviderError extends Error {
  readonly outcome: TOutcomeClass;
  readonly vendor: TVendor;
  readonly latencyMs: number;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(init: TProviderErrorInit) {
    super(init.message);
    this.name = "ProviderError";
    this.outcome = init.outcome;
    this.vendor = init.vendor;
    this.latencyMs = init.latencyMs;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
  }
}

// What an error thrown by a provider call means to the failover engine and
// the prober: a ProviderError's class; anything else never reached a reply.
export function classifyError(error: unknown): { outcome: TOutcomeClass; status?: number; message: string } {
  if (error instanceof ProviderError) return { outcome: error.outcome, status: error.status, message: error.message };
  return { outcome: "network", message: error instanceof Error ? error.message : "Provider call failed" };
}

const MAX_DETAIL = 200;

/**
 * Strips anything key-like from vendor wording: the key itself, the masked
 * form vendors echo back ("Incorrect API key provided: sk-ab***wxyz") and
 * bearer tokens. The key is removed from the whole text (a plain search),
 * so a cut can never leave half of it; the patterns read the bounded prefix.
 */
export function redactSecrets(text: string, apiKey: string): string {
  const withoutKey = apiKey.length >= 4 ? text.split(apiKey).join("[redacted]") : text;
  return outsideText(withoutKey)
    .replace(/(api key provided:\s*)\S+/gi, "$1[redacted]")
    .replace(/bearer\s+\S+/gi, "Bearer [redacted]")
    .replace(/\bsk-[-_A-Za-z0-9*]{8,}/g, "[redacted]")
    .replace(/\bAIza[-_A-Za-z0-9]{20,}/g, "[redacted]");
}

export type TErrorContext = {
  vendor: TVendor;
  apiKey: string;
  timeoutMs: number;
  deadline: TDeadline;
  // True once a 2xx response arrived: a connection lost after that is a cut stream.
  responseStarted: boolean;
  latencyMs: number;
};

type TClassified = { outcome: TOutcomeClass; status?: number; detail: string; retryAfterMs?: number };

// An error event inside a 200 stream. Its status (if any) is one the SDK
// inferred from the event: good for classifying, but not an HTTP status to
// show. Without one, it is the server failing mid-answer.
function fromStreamError(vendor: TVendor, inferredStatus: number | undefined, body: string, fallback: string): TClassified {
  const parsed = parseErrorBody(body);
  const status = inferredStatus ?? parsed.numericCode ?? 500;
  return {
    outcome: classifyHttpError({ vendor, status, body }),
    detail: parsed.message || fallback,
    retryAfterMs: retryAfterMs(undefined, body),
  };
}

function fromVendorEvent(detail: unknown, vendor: TVendor): TClassified {
  // The SDKs hand over either their normalised { statusCode, data, message } or the raw event.
  const event = detail as { statusCode?: unknown; data?: unknown; message?: unknown };
  const status = typeof event.statusCode === "number" ? event.statusCode : undefined;
  return fromStreamError(vendor, status, JSON.stringify(event.data ?? detail), String(event.message ?? ""));
}

// The provider fetch's own refusal of a body past its cap, whether it came
// straight from the stream or wrapped by the SDK ("Failed to process error response").
function bodyCapOf(error: unknown): BodyCapError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 6; current = current.cause, depth++) {
    if (current instanceof BodyCapError) return current;
  }
  return undefined;
}

function classify(error: unknown, context: TErrorContext): TClassified {
  if (context.deadline.timedOut()) return { outcome: "timeout", detail: "" };
  if (context.deadline.cancelled()) return { outcome: "timeout", detail: "cancelled by the caller before the provider answered" };
  // A body past its cap says nothing of what the provider meant: the next link answers.
  const capped = bodyCapOf(error);
  if (capped) return { outcome: "server_error", detail: capped.message };
  if (error instanceof StreamFailure && error.kind === "cut") return { outcome: "stream_cut", detail: error.message };
  // The endpoint kept sending past the cap: a failed attempt the next link may answer.
  if (error instanceof StreamFailure && error.kind === "too_large") return { outcome: "server_error", detail: error.message };
  if (isNetworkFailure(error)) {
    if (context.responseStarted) return { outcome: "stream_cut", detail: "the connection closed before the answer was complete" };
    return { outcome: "network", detail: error instanceof Error ? error.message : "connection failed" };
  }
  if (error instanceof StreamFailure && error.kind === "vendor_error") return fromVendorEvent(error.detail, context.vendor);
  if (APICallError.isInstance(error) && error.statusCode !== undefined && error.statusCode >= 300) {
    const { statusCode, responseBody: body } = error;
    // After a 200 the SDK raises stream error events as APICallError too, with an inferred status.
    if (context.responseStarted) return fromStreamError(context.vendor, statusCode, body ?? "", error.message);
    const outcome = classifyHttpError({ vendor: context.vendor, status: statusCode, body });
    const detail = parseErrorBody(body).message || error.message;
    return { outcome, status: statusCode, detail, retryAfterMs: retryAfterMs(error.responseHeaders, body) };
  }
  const cause = error instanceof StreamFailure ? error.detail : error;
  return { outcome: "server_error", detail: `unreadable response (${cause instanceof Error ? cause.message : "unknown error"})` };
}

/** Turns whatever a provider call threw into a ProviderError. */
export function toProviderError(error: unknown, context: TErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const classified = classify(error, context);
  const timeoutMs = context.deadline.timedOut() ? context.timeoutMs : undefined;
  const summary = describeOutcome(classified.outcome, classified.status, timeoutMs);
  const detail = redactSecrets(classified.detail, context.apiKey).slice(0, MAX_DETAIL);
  return new ProviderError({
    outcome: classified.outcome,
    vendor: context.vendor,
    message: detail ? `${summary}: ${detail}` : summary,
    latencyMs: context.latencyMs,
    status: classified.status,
    retryAfterMs: classified.retryAfterMs,
  });
}
