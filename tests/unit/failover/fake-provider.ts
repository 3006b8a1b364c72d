// A scripted stand-in for the injected provider call: each model answers its
// calls in order from a list of steps. It is the engine's dependency, not an
// HTTP mock; the adapters are tested over real HTTP elsewhere.
import { schemaVerdict } from "@/lib/failover/json-schema";
import { createMemoryCircuitStore } from "@/lib/failover/memory-circuit-store";
import type { TFailure, TLink, TSchemaCheck, TTurnDeps, TTurnResult } from "@/lib/failover/types";
import type { TChatRequest, TChatResult, TOutcomeClass, TToolCall } from "@/lib/providers/types";

class FakeProviderError extends Error {
  constructor(
    readonly outcome: TOutcomeClass,
    readonly status?: number,
  ) {
    super(`fake ${outcome}${status ? ` (${status})` : ""}`);
  }
}

// `pieces` stream through onText first, `gapMs` apart (the answer's text is
// then their concatenation); a failing step streams them, then fails. A
// step's `usage` is the tokens its result reports (1 in, 1 out by default).
// `framesMs` are bytes that carry no content (a finish chunk, usage, the
// terminator, a keep-alive), each that long after the one before, sent
// before the first piece (`framesFirst`) or after the last.
type TFrames = { framesMs?: number[]; framesFirst?: boolean };
export type TStep =
  | ({
      text: string;
      toolCalls?: TToolCall[];
      pieces?: string[];
      gapMs?: number;
      usage?: TChatResult["usage"];
      // "length": the output token cap cut the answer.
      finishReason?: TChatResult["finishReason"];
    } & TFrames)
  | { fail: TOutcomeClass; status?: number; pieces?: string[]; gapMs?: number }
  // Streams its pieces (if any), then never settles and ignores its
  // AbortSignal, like a wedged connection.
  | "hang"
  | { hangAfter: string[] };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stream(req: TChatRequest, pieces: string[] = [], gapMs = 0) {
  for (const [i, piece] of pieces.entries()) {
    if (i > 0 && gapMs > 0) await pause(gapMs);
    req.onText?.(piece);
  }
}

async function frames(req: TChatRequest, framesMs: number[] = []) {
  for (const ms of framesMs) {
    await pause(ms);
    req.onAlive?.();
  }
}

function answer(text: string, step: { toolCalls?: TToolCall[]; usage?: TChatResult["usage"]; finishReason?: TChatResult["finishReason"] }): TChatResult {
  const { toolCalls = [], usage = { inputTokens: 1, outputTokens: 1 } } = step;
  return {
    text,
    toolCalls,
    finishReason: step.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop"),
    usage,
    latencyMs: 1,
  };
}

export function scriptedCall(script: Record<string, TStep[]>) {
  const requests: TChatRequest[] = [];
  const call = async (req: TChatRequest): Promise<TChatResult> => {
    requests.push(req);
    const step = script[req.model]?.shift();
    if (!step) throw new Error(`no scripted step left for ${req.model}`);
    if (step === "hang") return new Promise<TChatResult>(() => undefined);
    if ("hangAfter" in step) {
      await stream(req, step.hangAfter);
      return new Promise<TChatResult>(() => undefined);
    }
    if ("fail" in step) {
      await stream(req, step.pieces, step.gapMs);
      throw new FakeProviderError(step.fail, step.status);
    }
    if (step.framesFirst) await frames(req, step.framesMs);
    await stream(req, step.pieces, step.gapMs);
    if (!step.framesFirst) await frames(req, step.framesMs);
    return answer(step.pieces ? step.pieces.join("") : step.text, step);
  };
  const requestsFor = (model: string) => requests.filter((req) => req.model === model);
  return { call, requests, requestsFor };
}

function classifyError(error: unknown): TFailure {
  if (error instanceof FakeProviderError) return { outcome: error.outcome, status: error.status, message: error.message };
  return { outcome: "network", message: error instanceof Error ? error.message : String(error) };
}

// Mirrors the adapters' rule: no text and no tool call is empty; tool
// arguments that are not JSON are a bad tool call.
function classifyResult(result: TChatResult): "ok" | "empty" | "bad_tool_call" {
  if (result.text.trim() === "" && result.toolCalls.length === 0) return "empty";
  const parses = (raw: string) => {
    try {
      JSON.parse(raw);
      return true;
    } catch {
      return false;
    }
  };
  return result.toolCalls.every((call) => parses(call.arguments)) ? "ok" : "bad_tool_call";
}

export function makeLink(name: string, overrides: Partial<Omit<TLink, "target">> = {}): TLink {
  return {
    linkId: `link-${name}`,
    credentialId: `cred-link-${name}`,
    circuitKey: `circuit-${name}`,
    label: `Provider ${name}`,
    target: { vendor: "openai_compatible", apiKey: `key-${name}`, baseUrl: "http://127.0.0.1:1", model: name },
    firstTokenTimeoutMs: 10_000,
    stallTimeoutMs: 10_000,
    contextWindow: 128_000,
    ...overrides,
  };
}

// The engine's schema check on this thread; the worker runs the same on its pool's threads.
export const checkSchemaHere: TSchemaCheck = async ({ schema, value }) => schemaVerdict(schema, value);

export function makeDeps(input: {
  call: TTurnDeps["call"];
  store?: TTurnDeps["store"];
  now?: () => number;
  onText?: TTurnDeps["onText"];
  checkSchema?: TSchemaCheck;
}): TTurnDeps {
  return {
    call: input.call,
    onText: input.onText,
    classifyError,
    classifyResult,
    checkSchema: input.checkSchema ?? checkSchemaHere,
    store: input.store ?? createMemoryCircuitStore(),
    now: input.now ?? (() => Date.now()),
  };
}

export const USER_MESSAGE = { role: "user", content: "What is 2 * (3 + 4)?" } as const;

// The answer of a turn that must have ended ok.
export function answerOf(result: TTurnResult): TChatResult {
  if (!result.ok) throw new Error(`expected an answer, got ${result.error.outcome}: ${result.error.message}`);
  return result.answer;
}
