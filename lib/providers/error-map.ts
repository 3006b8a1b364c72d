// Every way a provider call can fail, mapped to one outcome class. The HTTP
// errors are a table, read top to bottom, first match wins: rows that need
// the body to tell two cases apart (quota vs rate limit, context length vs
// bad request) sit above the plain status rows they refine.
//
// The body comes from whoever runs the endpoint: it is parsed only up to the
// size an error body may have, each field a row reads is cut to
// OUTSIDE_TEXT_MAX_CHARS, and no row's pattern can backtrack quadratically
// (literal alternatives, or indexOf for words that must come in order).
import { ERROR_BODY_MAX_BYTES } from "./capped-body";
import { outsideText } from "./outside-text";
import { type TChatResult, type TOutcomeClass, type TVendor, VENDORS } from "./types";

type TErrorFacts = {
  vendor: TVendor;
  // HTTP status, or the status the SDK inferred for an in-stream error event.
  status?: number;
  // Raw error body, or the JSON of an in-stream error event.
  body?: string;
};

// The parts of an error body the rows look at, whichever vendor shape it came in:
// OpenAI {error:{type,code,message}}, Anthropic {type:"error",error:{type,message}},
// Gemini {error:{code,status,message,details}}.
type TErrorBody = {
  type: string;
  code: string;
  status: string;
  message: string;
  // Gemini ErrorInfo reasons and Azure inner error codes.
  reasons: string[];
  // Gemini QuotaFailure quota ids, e.g. "GenerateRequestsPerDayPerProjectPerModel-FreeTier".
  quotaIds: string[];
  // Gemini and OpenRouter repeat the HTTP status inside the body.
  numericCode?: number;
  // Gemini's RetryInfo, e.g. "20s".
  retryDelay: string;
};

type TStatusMatch = readonly number[] | "4xx" | "5xx" | "any";

type TErrorRule = {
  id: string;
  vendors: readonly TVendor[];
  status: TStatusMatch;
  body?: (body: TErrorBody) => boolean;
  outcome: TOutcomeClass;
};

const OPENAI_FORMAT = ["openai", "openrouter", "openai_compatible"] as const satisfies readonly TVendor[];
const ALL = VENDORS;

const says = (pattern: RegExp) => (body: TErrorBody) => pattern.test(body.message);

// `first`, then `then` somewhere after it: what /first.*then/i says, read in
// one pass however often `first` repeats.
const saysInOrder = (first: string, then: string) => (body: TErrorBody) => {
  const message = body.message.toLowerCase();
  const at = message.indexOf(first);
  return at !== -1 && message.includes(then, at + first.length);
};

// Gemini says RESOURCE_EXHAUSTED both for per-minute limits and for a spent
// daily or paid quota; only the quota id (or, without one, the wording) tells.
function isGeminiQuota(body: TErrorBody): boolean {
  if (body.quotaIds.some((id) => /PerDay|PerMonth/i.test(id))) return true;
  if (body.quotaIds.some((id) => /PerMinute/i.test(id))) return false;
  return /exceeded your current quota|billing/i.test(body.message);
}

export const ERROR_RULES: readonly TErrorRule[] = [
  {
    id: "openai-insufficient-quota",
    vendors: OPENAI_FORMAT,
    status: [429],
    body: (b) => b.code === "insufficient_quota" || b.type === "insufficient_quota",
    outcome: "quota_exhausted",
  },
  { id: "gemini-quota", vendors: ["google"], status: [429], body: isGeminiQuota, outcome: "quota_exhausted" },
  {
    id: "anthropic-billing",
    vendors: ["anthropic"],
    status: [400, 402, 429],
    body: (b) => b.type === "billing_error" || /credit balance|billing/i.test(b.message),
    outcome: "quota_exhausted",
  },
  { id: "payment-required", vendors: ALL, status: [402], outcome: "quota_exhausted" },
  { id: "rate-limited", vendors: ALL, status: [429], outcome: "rate_limited" },
  // Anthropic can report overload as an `error` event inside a 200 stream.
  { id: "anthropic-overloaded-event", vendors: ["anthropic"], status: "any", body: (b) => b.type === "overloaded_error", outcome: "overloaded" },
  { id: "overloaded", vendors: ALL, status: [503, 529], outcome: "overloaded" },
  { id: "openai-overloaded-wording", vendors: OPENAI_FORMAT, status: "5xx", body: says(/overloaded/i), outcome: "overloaded" },
  { id: "server-error", vendors: ALL, status: "5xx", outcome: "server_error" },
  // Gemini rejects a wrong key with 400 INVALID_ARGUMENT, not 401.
  {
    id: "gemini-invalid-key",
    vendors: ["google"],
    status: [400],
    body: (b) => b.reasons.includes("API_KEY_INVALID") || /API key not valid/i.test(b.message),
    outcome: "auth",
  },
  { id: "auth", vendors: ALL, status: [401, 403], outcome: "auth" },
  { id: "model-not-found", vendors: ALL, status: [404], outcome: "model_unavailable" },
  { id: "request-timeout", vendors: ALL, status: [408], outcome: "timeout" },
  {
    id: "openai-context-length",
    vendors: OPENAI_FORMAT,
    status: [400, 413, 422],
    body: (b) => b.code === "context_length_exceeded" || /maximum context length|context window|too many tokens/i.test(b.message),
    outcome: "context_length",
  },
  {
    id: "anthropic-prompt-too-long",
    vendors: ["anthropic"],
    status: [400, 413],
    body: says(/prompt is too long|exceed context limit/i),
    outcome: "context_length",
  },
  {
    id: "gemini-token-limit",
    vendors: ["google"],
    status: [400],
    body: (b) => saysInOrder("token count", "exceeds")(b) || /exceeds the maximum number of tokens|input context is too long/i.test(b.message),
    outcome: "context_length",
  },
  {
    id: "openai-content-filter",
    vendors: OPENAI_FORMAT,
    status: [400, 422],
    body: (b) => ["content_filter", "content_policy_violation"].includes(b.code) || b.reasons.includes("ResponsibleAIPolicyViolation"),
    outcome: "content_filter",
  },
  { id: "anthropic-content-filter", vendors: ["anthropic"], status: [400], body: says(/content filtering policy/i), outcome: "content_filter" },
  {
    id: "gemini-safety",
    vendors: ["google"],
    status: [400],
    body: (b) => b.reasons.includes("SAFETY") || /\bSAFETY\b|safety (settings|filters?)|PROHIBITED_CONTENT/.test(b.message),
    outcome: "content_filter",
  },
  { id: "bad-request", vendors: ALL, status: [400, 413, 422], outcome: "bad_request" },
  { id: "other-client-error", vendors: ALL, status: "4xx", outcome: "bad_request" },
];

// Our own codes for a connection the address rule refused (provider-fetch.ts).
export const REFUSED_ADDRESS = "ERR_PROVIDER_ADDRESS_REFUSED";
export const REFUSED_REDIRECT = "ERR_PROVIDER_REDIRECT";

// Node and undici codes for "could not reach the provider" or "it hung up".
const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "EPIPE",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  REFUSED_ADDRESS,
  REFUSED_REDIRECT,
]);

// undici's wording when the request or the body fails without a code of its own.
const NETWORK_MESSAGES = ["fetch failed", "terminated", "other side closed"];
// A message can be a provider's (the SDK's error carries it): only one this short is compared.
const isNetworkMessage = (message: string) => message.length <= 20 && NETWORK_MESSAGES.includes(message.toLowerCase());

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const asString = (value: unknown) => (typeof value === "string" || typeof value === "number" ? outsideText(String(value)) : "");

function detailsOf(inner: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(inner.details) ? inner.details.filter(isRecord) : [];
}

// A body no longer than an error body may be is parsed; a longer one (an
// in-stream error event) is read as text, its prefix.
function parseBounded(raw: string | undefined): unknown {
  if (!raw || raw.length > ERROR_BODY_MAX_BYTES) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function parseErrorBody(raw: string | undefined): TErrorBody {
  const parsed = parseBounded(raw);
  const top = Array.isArray(parsed) ? parsed[0] : parsed;
  const inner = isRecord(top) ? (isRecord(top.error) ? top.error : top) : {};
  const details = detailsOf(inner);
  const innerError = isRecord(inner.innererror) ? asString(inner.innererror.code) : "";
  return {
    type: asString(inner.type),
    code: asString(inner.code),
    status: asString(inner.status),
    message: asString(inner.message) || (isRecord(top) ? "" : asString(raw)),
    reasons: [...details.map((d) => asString(d.reason)), innerError].filter(Boolean),
    quotaIds: details.flatMap((d) => (Array.isArray(d.violations) ? d.violations.filter(isRecord).map((v) => asString(v.quotaId)) : [])),
    numericCode: typeof inner.code === "number" ? inner.code : undefined,
    retryDelay: details.map((d) => asString(d.retryDelay)).find(Boolean) ?? "",
  };
}

function statusMatches(match: TStatusMatch, status: number | undefined): boolean {
  if (match === "any") return true;
  if (status === undefined) return false;
  if (match === "4xx") return status >= 400 && status < 500;
  if (match === "5xx") return status >= 500 && status < 600;
  return match.includes(status);
}

export function matchErrorRule(facts: TErrorFacts): TErrorRule | undefined {
  const body = parseErrorBody(facts.body);
  const status = facts.status ?? body.numericCode;
  return ERROR_RULES.find((rule) => rule.vendors.includes(facts.vendor) && statusMatches(rule.status, status) && (!rule.body || rule.body(body)));
}

/** Class of an HTTP or in-stream error; an error nothing recognises counts as a server error. */
export function classifyHttpError(facts: TErrorFacts): TOutcomeClass {
  return matchErrorRule(facts)?.outcome ?? "server_error";
}

/** Whether an error (or one of its causes) means the connection failed or dropped. */
export function isNetworkFailure(error: unknown): boolean {
  for (let current = error, depth = 0; isRecord(current) && depth < 6; current = current.cause, depth++) {
    if (NETWORK_ERROR_CODES.has(asString(current.code))) return true;
    if (current instanceof Error && isNetworkMessage(current.message)) return true;
  }
  return false;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) && !Array.isArray(value);
  } catch {
    return false;
  }
}

type TResultClass = Extract<TOutcomeClass, "ok" | "empty" | "bad_tool_call">;

/**
 * Judges a successful (HTTP 200) answer: usable, empty, or with a broken tool
 * call. (A 200 blocked by a content filter never gets here: chat() throws it.)
 */
export function classifyResult(result: TChatResult, toolsOffered: boolean): TResultClass {
  if (!result.toolCalls.length) {
    const noText = result.text.trim() === "";
    return noText || result.finishReason === "tool_calls" ? "empty" : "ok";
  }
  // A call to a tool nobody offered cannot be executed either.
  if (!toolsOffered) return "bad_tool_call";
  return result.toolCalls.every((call) => call.name && isJsonObject(call.arguments)) ? "ok" : "bad_tool_call";
}
