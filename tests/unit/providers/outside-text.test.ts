// A provider's words are read from a bounded prefix: adversarial bodies of a
// megabyte are classified, redacted and searched for hints as their first
// OUTSIDE_TEXT_MAX_CHARS, and words past the bound count as absent. (No
// timing is asserted; scripts/bench/outside-text.ts prints the times.)
import { APICallError } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";

import { isPrefillRefusal } from "@/lib/providers/continuation";
import type { TDeadline } from "@/lib/providers/deadline";
import { classifyHttpError, parseErrorBody } from "@/lib/providers/error-map";
import { OUTSIDE_TEXT_MAX_CHARS, outsideText } from "@/lib/providers/outside-text";
import { redactSecrets, toProviderError } from "@/lib/providers/provider-error";
import { redactAddresses } from "@/lib/providers/redact-addresses";
import { retryAfterMs } from "@/lib/providers/retry-after";

const MEGABYTE = 1024 * 1024;
const fill = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
// Exactly the bound, so whatever follows is the first character past it.
const padding = fill("x", OUTSIDE_TEXT_MAX_CHARS);
const gemini = (status: number, message: string) => JSON.stringify({ error: { code: status, status: "INVALID_ARGUMENT", message } });
const apiError = (statusCode: number, responseBody: string, message = "call failed") =>
  new APICallError({ message, url: "https://api.example/v1", requestBodyValues: {}, statusCode, responseBody });
const deadline: TDeadline = { signal: new AbortController().signal, timedOut: () => false, cancelled: () => false, dispose: () => undefined };
const context = { vendor: "google" as const, apiKey: "AIza-test-key-1234", timeoutMs: 10_000, deadline, responseStarted: false, latencyMs: 1 };

describe("the classifier on a megabyte of adversarial text", () => {
  it.each([
    ["the issue's 'token count ' repeated", fill("token count ", MEGABYTE)],
    ["'token count' with 'exceeds' past the bound", `${fill("token count ", MEGABYTE)} exceeds`],
    ["a run of scheme characters", fill("a.", MEGABYTE)],
    ["an IPv6-looking run", fill("1:", MEGABYTE)],
  ])("classifies %s, in a Gemini body and raw, as the plain 400 it is", (_shape, message) => {
    expect(classifyHttpError({ vendor: "google", status: 400, body: gemini(400, message) })).toBe("bad_request");
    expect(classifyHttpError({ vendor: "google", status: 400, body: message })).toBe("bad_request");
  });

  it.each([
    ["google", 400, (words: string) => gemini(400, words), "token count 2000000 exceeds the maximum number of tokens allowed", "context_length", "bad_request"],
    ["google", 429, (words: string) => gemini(429, words), "You exceeded your current quota, please check your plan", "quota_exhausted", "rate_limited"],
    ["openai", 400, (words: string) => words, "This model's maximum context length is 128000 tokens", "context_length", "bad_request"],
    ["anthropic", 400, (words: string) => words, "prompt is too long: 210000 tokens > 200000 maximum", "context_length", "bad_request"],
  ] as const)("%s %i: deciding words within the bound decide, past it they count as absent", (vendor, status, body, words, within, past) => {
    expect(classifyHttpError({ vendor, status, body: body(words) })).toBe(within);
    expect(classifyHttpError({ vendor, status, body: body(`${padding}${words}`) })).toBe(past);
  });

  it("reads every field of a body as its bounded prefix", () => {
    const body = parseErrorBody(JSON.stringify({ error: { type: fill("t", 20_000), message: fill("m", 20_000) } }));
    expect(body.type).toBe(fill("t", OUTSIDE_TEXT_MAX_CHARS));
    expect(body.message).toBe(fill("m", OUTSIDE_TEXT_MAX_CHARS));
  });

  it("parses a body no longer than an error body may be, and reads a longer one as text", () => {
    const overloaded = (message: string) => JSON.stringify({ type: "error", error: { type: "overloaded_error", message } });
    expect(parseErrorBody(overloaded("Overloaded")).type).toBe("overloaded_error");
    const long = overloaded(fill("o", MEGABYTE));
    expect(parseErrorBody(long)).toMatchObject({ type: "", message: long.slice(0, OUTSIDE_TEXT_MAX_CHARS) });
  });
});

describe("redaction and hints on a megabyte of adversarial text", () => {
  it.each([
    ["an error body as long as one may be", 60_000],
    ["a megabyte in-stream error", MEGABYTE],
  ])("turns %s into a short message with the key removed", (_shape, chars) => {
    const body = gemini(400, `${context.apiKey} ${fill("token count ", chars)}`);
    const error = toProviderError(apiError(400, body, fill("m", MEGABYTE)), context);
    expect(error.outcome).toBe("bad_request");
    expect(error.message).toMatch(/^Request rejected as invalid \(400\): .*\[redacted\] token count token count/);
    expect(error.message).not.toContain(context.apiKey);
    expect(error.message.length).toBeLessThan(300);
  });

  it("removes the key wherever it sits, and runs the patterns on the prefix only", () => {
    const text = `${padding}${context.apiKey} Bearer sk-abcdefghijklmnop`;
    expect(redactSecrets(text, context.apiKey)).toBe(padding);
  });

  it.each([
    ["a run of scheme characters", fill("a.", MEGABYTE)],
    ["a run of dotted numbers", fill("1.", MEGABYTE)],
    ["a run of colons and hex", fill("1:", MEGABYTE)],
    ["a name label after label", fill("ab-", MEGABYTE)],
  ])("leaves %s as its prefix, unchanged", (_shape, text) => {
    expect(redactAddresses(text)).toBe(text.slice(0, OUTSIDE_TEXT_MAX_CHARS));
  });

  it("hides an address within the bound and never shows one past it", () => {
    expect(redactAddresses("upstream http://10.0.0.7:8080/v1 failed")).toBe("upstream [address] failed");
    expect(redactAddresses("failed at -http://10.0.0.7:8080/v1")).toBe("failed at [address]");
    expect(redactAddresses(`${padding} connect ECONNREFUSED 10.0.0.7:5432`)).toBe(padding);
  });

  it("reads Gemini's retry hint from a body it parses, never by searching a longer one", () => {
    const hint = (message: string) =>
      JSON.stringify({ error: { message, details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" }] } });
    expect(retryAfterMs({}, hint("slow down"))).toBe(7000);
    expect(retryAfterMs({}, hint(fill("s", MEGABYTE)))).toBeUndefined();
    expect(retryAfterMs({ "retry-after": `${fill(" ", OUTSIDE_TEXT_MAX_CHARS)}3` }, undefined)).toBeUndefined();
  });

  it("does not take a long 400 for a prefill refusal", () => {
    const refusal = "This model does not support assistant message prefill. The conversation must end with a user message.";
    expect(isPrefillRefusal(apiError(400, gemini(400, refusal)))).toBe(true);
    expect(isPrefillRefusal(apiError(400, gemini(400, `${padding}${refusal}`)))).toBe(false);
  });

  it("never cuts a character in half", () => {
    const text = `${fill("x", OUTSIDE_TEXT_MAX_CHARS - 1)}😀tail`;
    expect(outsideText(text)).toBe(fill("x", OUTSIDE_TEXT_MAX_CHARS - 1));
  });
});
