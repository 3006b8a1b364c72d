import { APICallError } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";

import { StreamFailure } from "@/lib/providers/collect-stream";
import type { TDeadline } from "@/lib/providers/deadline";
import { ProviderError, redactSecrets, type TErrorContext, toProviderError } from "@/lib/providers/provider-error";

const deadline = (state: { timedOut?: boolean; cancelled?: boolean } = {}): TDeadline => ({
  signal: new AbortController().signal,
  timedOut: () => state.timedOut === true,
  cancelled: () => state.cancelled === true,
  dispose: () => undefined,
});
const context = (over: Partial<TErrorContext> = {}): TErrorContext => ({
  vendor: "openai",
  apiKey: "sk-live-1234567890abcdef",
  timeoutMs: 10_000,
  deadline: deadline(),
  responseStarted: false,
  latencyMs: 42,
  ...over,
});
const apiError = (statusCode: number, responseBody: string, responseHeaders: Record<string, string> = {}) =>
  new APICallError({ message: "call failed", url: "https://api.example/v1", requestBodyValues: { secret: "body" }, statusCode, responseBody, responseHeaders });

describe("toProviderError", () => {
  it("classifies an HTTP error by status and body and keeps status, retry hint and latency", () => {
    const body = JSON.stringify({ error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } });
    const error = toProviderError(apiError(429, body, { "retry-after": "3" }), context());
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ outcome: "rate_limited", status: 429, retryAfterMs: 3000, latencyMs: 42, vendor: "openai" });
    expect(error.message).toBe("Rate limited (429): Rate limit reached");
  });

  it("calls an abort by the call's own timeout a timeout, saying how long", () => {
    const error = toProviderError(new DOMException("aborted", "AbortError"), context({ deadline: deadline({ timedOut: true }) }));
    expect(error.outcome).toBe("timeout");
    expect(error.message).toBe("Timed out after 10 s");
  });

  it("calls an abort by the caller a timeout too", () => {
    const error = toProviderError(new DOMException("aborted", "AbortError"), context({ deadline: deadline({ cancelled: true }) }));
    expect(error.outcome).toBe("timeout");
    expect(error.message).toMatch(/cancelled by the caller/);
  });

  it("tells a refused connection from a connection lost mid-answer", () => {
    const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    expect(toProviderError(refused, context()).outcome).toBe("network");
    expect(toProviderError(refused, context({ responseStarted: true })).outcome).toBe("stream_cut");
  });

  it("calls an answer cut at the byte cap a server error, a failed attempt the next link may answer", () => {
    const error = toProviderError(new StreamFailure("too_large", 8 * 1024 * 1024), context({ responseStarted: true }));
    expect(error).toMatchObject({ outcome: "server_error", status: undefined });
    expect(error.message).toBe("Server error: The answer passed 8 MB and was cut");
  });

  it("classifies an in-stream vendor error without showing the SDK's inferred status", () => {
    const failure = new StreamFailure("vendor_error", { message: "Overloaded", statusCode: 529, data: { type: "overloaded_error", message: "Overloaded" } });
    const error = toProviderError(failure, context({ vendor: "anthropic", responseStarted: true }));
    expect(error).toMatchObject({ outcome: "overloaded", status: undefined });
    expect(error.message).toBe("Overloaded: Overloaded");
  });

  it("treats an in-stream error with no status at all as the server failing mid-answer", () => {
    const failure = new StreamFailure("vendor_error", { message: "upstream died", type: "server_error", code: null });
    expect(toProviderError(failure, context({ vendor: "openai_compatible", responseStarted: true })).outcome).toBe("server_error");
  });

  it("reports a cut stream", () => {
    expect(toProviderError(new StreamFailure("cut"), context({ responseStarted: true })).outcome).toBe("stream_cut");
  });

  it("never repeats the key, even when the vendor echoes it", () => {
    const ctx = context();
    const body = JSON.stringify({ error: { message: `Incorrect API key provided: ${ctx.apiKey}.`, code: "invalid_api_key" } });
    const error = toProviderError(apiError(401, body), ctx);
    expect(error.outcome).toBe("auth");
    expect(error.message).not.toContain(ctx.apiKey);
    expect(JSON.stringify(error)).not.toContain(ctx.apiKey);
    expect(Object.keys(error)).not.toContain("cause");
  });

  it("passes a ProviderError through unchanged", () => {
    const original = new ProviderError({ outcome: "content_filter", vendor: "google", message: "blocked", latencyMs: 5 });
    expect(toProviderError(original, context())).toBe(original);
  });
});

describe("redactSecrets", () => {
  it("removes the key, masked keys, bearer tokens and key-shaped strings", () => {
    const text = "key sim-ok~abc; Incorrect API key provided: sk-ab****wxyz. Bearer abc.def sk-proj-AAAAAAAAAAAA AIzaSyA1234567890abcdefghijk";
    const clean = redactSecrets(text, "sim-ok~abc");
    expect(clean).toBe("key [redacted]; Incorrect API key provided: [redacted] Bearer [redacted] [redacted] [redacted]");
  });

  it("leaves ordinary words alone", () => {
    expect(redactSecrets("the simulator skipped a task", "sim-ok")).toBe("the simulator skipped a task");
  });
});
