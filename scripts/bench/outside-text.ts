// `node --import tsx scripts/bench/outside-text.ts`: how long the code that
// reads a provider's words (classifier, redaction, retry hints) takes on
// adversarial text of growing size, the median of 5 runs. Not a test: it
// prints a table.
// OUTSIDE_TEXT_BENCH_MAX_BYTES caps the sizes tried, for code that still
// backtracks (240 KB of "token count " took 9 s before the bound).
import { APICallError } from "@ai-sdk/provider";

import { isPrefillRefusal } from "../../lib/providers/continuation";
import { startDeadline } from "../../lib/providers/deadline";
import { classifyHttpError } from "../../lib/providers/error-map";
import { toProviderError } from "../../lib/providers/provider-error";
import { redactAddresses } from "../../lib/providers/redact-addresses";
import { retryAfterMs } from "../../lib/providers/retry-after";

const SIZES = [4 * 1024, 64 * 1024, 240 * 1000, 1024 * 1024].filter((size) => size <= Number(process.env.OUTSIDE_TEXT_BENCH_MAX_BYTES ?? Infinity));

const fill = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
const geminiBody = (message: string) => JSON.stringify({ error: { code: 400, status: "INVALID_ARGUMENT", message } });

// Shapes that made a regex of ours backtrack, or could: a phrase that starts
// a match over and over, and runs that address patterns rescan.
const SHAPES: Record<string, (bytes: number) => string> = {
  "token count": (bytes) => fill("token count ", bytes),
  "a.a.a.": (bytes) => fill("a.", bytes),
  "1:1:1:": (bytes) => fill("1:", bytes),
  "bearer   ": (bytes) => `bearer ${fill(" ", bytes)}`,
  '"retryDelay"': (bytes) => fill('"retryDelay": "1', bytes),
};

const deadline = startDeadline(60_000);
const context = { vendor: "google" as const, apiKey: "AIza-bench-key", timeoutMs: 60_000, deadline, responseStarted: false, latencyMs: 1 };

// Each builds its input from the text first, so only the call is timed.
const CALLS: Record<string, (text: string) => () => unknown> = {
  classify: (text) => {
    const body = geminiBody(text);
    return () => classifyHttpError({ vendor: "google", status: 400, body });
  },
  "classify raw": (text) => () => classifyHttpError({ vendor: "google", status: 400, body: text }),
  "provider error": (text) => {
    const error = new APICallError({ message: text, url: "http://x", requestBodyValues: {}, statusCode: 400, responseBody: text });
    return () => toProviderError(error, context);
  },
  "redact addresses": (text) => () => redactAddresses(text),
  "retry after": (text) => () => retryAfterMs({ "retry-after": text }, text),
  prefill: (text) => {
    const error = new APICallError({ message: "", url: "http://x", requestBodyValues: {}, statusCode: 400, responseBody: geminiBody(text) });
    return () => isPrefillRefusal(error);
  },
};

// The median of a few runs: the first one also pays for compiling the patterns.
const RUNS = 5;
function time(call: () => unknown): number {
  const runs = Array.from({ length: RUNS }, () => {
    const start = performance.now();
    call();
    return performance.now() - start;
  });
  return runs.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? NaN;
}

const rows = Object.entries(SHAPES).flatMap(([shape, make]) =>
  SIZES.map((bytes) => {
    const text = make(bytes);
    const row: Record<string, string> = { shape, bytes: String(bytes) };
    for (const [name, prepare] of Object.entries(CALLS)) row[name] = `${time(prepare(text)).toFixed(2)} ms`;
    return row;
  }),
);
deadline.dispose();
console.table(rows);
