// What a simulated API key makes the simulator do. The key is the only knob a
// saved provider has, so every failure the failover engine must handle has a
// key of its own.

import { parseStreamShape, type TStreamShape } from "./stream-shape";

// Failures answered with the vendor's own HTTP error body.
export type TSimErrorKind =
  "rate_limit" | "quota" | "server_error" | "unavailable" | "overloaded" | "unauthorized" | "model_not_found" | "bad_request" | "context";

// Successful (HTTP 200) answers whose content is unusable in some way.
// bad_args_tool: a call of a caller's tool whose JSON arguments fail its
// schema (without caller tools, like bad_json_tool); bad_format: JSON that
// fails the requested response format (without one, a normal answer).
export type TAnswerVariant = "normal" | "empty" | "empty_tool" | "bad_json_tool" | "bad_args_tool" | "bad_format" | "filter";

export type TBehaviour =
  | { kind: "answer"; variant: TAnswerVariant }
  | { kind: "error"; error: TSimErrorKind }
  | { kind: "filter" }
  | { kind: "overloaded_in_stream" }
  | { kind: "timeout" }
  | { kind: "slow"; ms: number }
  | { kind: "reset" }
  | { kind: "flaky"; percent: number }
  // The first `calls` calls of the key answer `variant`, later ones normally:
  // a model that gets it right once corrected.
  | { kind: "first_calls"; calls: number; variant: TAnswerVariant }
  | { kind: "stream_cut"; afterChunks: number }
  // The vendor's 400, its JSON followed by whitespace up to `bytes` in all.
  | { kind: "error_body"; bytes: number }
  | { kind: "shaped"; shape: TStreamShape };

const FIXED: Record<string, TBehaviour> = {
  "sim-ok": { kind: "answer", variant: "normal" },
  "sim-empty": { kind: "answer", variant: "empty" },
  "sim-empty-tool": { kind: "answer", variant: "empty_tool" },
  "sim-badjson-tool": { kind: "answer", variant: "bad_json_tool" },
  "sim-badargs-tool": { kind: "answer", variant: "bad_args_tool" },
  "sim-badformat": { kind: "answer", variant: "bad_format" },
  "sim-filter": { kind: "filter" },
  "sim-429": { kind: "error", error: "rate_limit" },
  "sim-quota": { kind: "error", error: "quota" },
  "sim-500": { kind: "error", error: "server_error" },
  "sim-503": { kind: "error", error: "unavailable" },
  "sim-529": { kind: "error", error: "overloaded" },
  "sim-529-stream": { kind: "overloaded_in_stream" },
  "sim-401": { kind: "error", error: "unauthorized" },
  "sim-404-model": { kind: "error", error: "model_not_found" },
  "sim-400": { kind: "error", error: "bad_request" },
  "sim-context": { kind: "error", error: "context" },
  "sim-timeout": { kind: "timeout" },
  "sim-reset": { kind: "reset" },
};

// Keeps a mistyped sim-slow-9999999 from parking a request for hours.
const MAX_SLOW_MS = 120_000;

const MAX_FIRST_CALLS = 100;

// What a padded error body or a long line may weigh: past a client's caps,
// short of making the simulator the thing that runs out of memory.
const MAX_PADDED_BYTES = 64 * 1024 * 1024;
const padded = (build: (bytes: number) => TBehaviour) => (bytes: number) => (bytes >= 1 && bytes <= MAX_PADDED_BYTES ? build(bytes) : undefined);
const firstCalls =
  (variant: TAnswerVariant) =>
  (calls: number): TBehaviour | undefined =>
    calls <= MAX_FIRST_CALLS ? { kind: "first_calls", calls, variant } : undefined;

const PATTERNS: ReadonlyArray<[RegExp, (n: number) => TBehaviour | undefined]> = [
  [/^sim-slow-(\d{1,9})$/, (ms) => (ms <= MAX_SLOW_MS ? { kind: "slow", ms } : undefined)],
  [/^sim-flaky-(\d{1,3})$/, (percent) => (percent <= 100 ? { kind: "flaky", percent } : undefined)],
  [/^sim-stream-cut-(\d{1,4})$/, (afterChunks) => ({ kind: "stream_cut", afterChunks })],
  [/^sim-badargs-(\d{1,3})$/, firstCalls("bad_args_tool")],
  [/^sim-badformat-(\d{1,3})$/, firstCalls("bad_format")],
  [/^sim-error-body-(\d{1,8})$/, padded((bytes) => ({ kind: "error_body", bytes }))],
  // One text piece padded to `bytes`: a stream whose first text event is a `data:` line longer than that.
  [/^sim-long-line-(\d{1,8})$/, padded((bytes) => ({ kind: "shaped", shape: { end: "finish", chunks: 1, ms: 0, padBytes: bytes } }))],
];

/**
 * Parses a simulator key such as `sim-429`, `sim-slow-2000~test-42` or
 * `sim-chunks-20-50` (the stream shapes are described in stream-shape.ts).
 *
 * `sim-ok` (and a shape key that finishes) calls the caller's own tools,
 * honours tool choice and answers in the response format asked for; the
 * rules are in pick-tool-calls.ts and format-answer.ts. Keys that break them:
 * - `sim-badargs-tool`: calls the first caller tool (or the forced one) with
 *   JSON arguments that fail its schema: every required property left out,
 *   or, with none required, the first property of the wrong type. Without
 *   caller tools it sends unparseable arguments, like `sim-badjson-tool`.
 * - `sim-badformat`: when a json_object / json_schema response format is
 *   asked for, answers text that is not JSON / JSON that fails the schema.
 *   Without a response format it is `sim-ok`.
 * - `sim-badargs-<n>`, `sim-badformat-<n>` (n <= 100): the first n calls of
 *   the key (full key, counted per vendor as `sim-flaky-<p>` counts) behave
 *   as above, later ones like `sim-ok`.
 * - `sim-endless[-<ms>[-<bytes>]]`: a 200 whose answer never ends: text
 *   pieces of 16 KiB (or `bytes`), `ms` apart, until the client leaves. It
 *   stages an endpoint that streams without end, which a client must cut
 *   at its byte cap (PROVIDER_ANSWER_MAX_BYTES). With pieces of a few
 *   bytes (`sim-endless-0-1`) it is mostly framing, which only the cap on
 *   a stream's raw bytes (twice PROVIDER_ANSWER_MAX_BYTES) meets.
 * - `sim-error-body-<bytes>` (at most 64 MiB): the vendor's 400 whose body
 *   is `bytes` long (its JSON, then whitespace), sent in pieces. Stages an
 *   error body past a client's cap (64 KiB in provider-fetch.ts).
 * - `sim-long-line-<bytes>` (at most 64 MiB): a 200 whose answer is one text
 *   piece padded to `bytes`, so its `data:` line is longer than that, then
 *   the vendor's normal finish. Stages a line past a client's cap on one
 *   SSE line or event (1 MiB).
 *
 * Whatever the key, a text answer stops at the caller's output token cap
 * (max_tokens, maxOutputTokens; a word counts as a token) with the vendor's
 * "length" finish, except a stream shape's c-words; and the Anthropic
 * endpoint refuses a prefill, with Anthropic's own 400, for Claude model ids
 * from 4.6 on (`claude-sonnet-4-6`, `claude-opus-4-7`, ...; see
 * anthropic-request.ts).
 *
 * Everything after the first `~` is a free-form suffix that does not change
 * the behaviour: `sim-429~abc123` behaves exactly like `sim-429`. Stats and
 * control overrides are keyed by the FULL key, suffix included, so parallel
 * tests can each use their own key and never see each other's calls.
 *
 * Returns undefined for keys the simulator does not know; the caller answers
 * those with the vendor's 401, like a real API given a wrong key.
 */
export function parseBehaviour(key: string): TBehaviour | undefined {
  const base = key.split("~", 1)[0] ?? "";
  const fixed = FIXED[base];
  if (fixed) return fixed;
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(base);
    if (match) return build(Number(match[1]));
  }
  const shape = parseStreamShape(base);
  return shape ? { kind: "shaped", shape } : undefined;
}

/**
 * Whether call number `callNumber` (1-based) of a flaky key fails. Failures are
 * spread evenly instead of drawn at random so tests can count on them: at 50 %
 * every second call fails, at 25 % every fourth.
 */
export function flakyCallFails(percent: number, callNumber: number): boolean {
  return Math.floor((callNumber * percent) / 100) > Math.floor(((callNumber - 1) * percent) / 100);
}
