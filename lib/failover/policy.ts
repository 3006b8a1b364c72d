// What the engine does with each outcome class. Pure.
import type { TOutcomeClass, TToolCall, TToolSpec } from "@/lib/providers/types";

// Outcomes that say "this provider cannot answer right now"; the next link
// may well succeed, and they are what provider health counts.
const FAILOVER_CLASSES: ReadonlySet<TOutcomeClass> = new Set<TOutcomeClass>([
  "rate_limited",
  "quota_exhausted",
  "overloaded",
  "server_error",
  "timeout",
  "network",
  "auth",
  "model_unavailable",
  "stream_cut",
  "empty",
  "bad_tool_call",
]);

export type TCorrectableClass = "empty" | "bad_tool_call";

export type TDecision =
  | { kind: "corrective_retry"; instruction: string }
  | { kind: "failover" }
  // Only a model with a larger context window can take this request.
  | { kind: "failover_larger_context" }
  // bad_request and content_filter: the backup would refuse the same request.
  | { kind: "return" }
  // The answer broke off after reaching the caller, and the agent ends such
  // answers with an error rather than have the backup continue them.
  | { kind: "end_broken" };

const CORRECTIVE: Record<TCorrectableClass, string> = {
  empty: "Your previous reply was empty. Answer the user's last message.",
  bad_tool_call:
    "Your previous tool call was not valid: its arguments were not a JSON object or it named a tool that is not offered. " +
    "Call one of the offered tools again with valid JSON arguments, or answer in text.",
};

export function decideAfterFailure(input: {
  outcome: TOutcomeClass;
  correctedAlready: boolean;
  // Text reached the caller before this failure, and the agent's break
  // policy is "end with an error".
  endsBroken: boolean;
}): TDecision {
  const { outcome, correctedAlready, endsBroken } = input;
  if (endsBroken) return { kind: "end_broken" };
  if (outcome === "context_length") return { kind: "failover_larger_context" };
  if ((outcome === "empty" || outcome === "bad_tool_call") && !correctedAlready) {
    return { kind: "corrective_retry", instruction: CORRECTIVE[outcome] };
  }
  if (FAILOVER_CLASSES.has(outcome)) return { kind: "failover" };
  return { kind: "return" };
}

export function countsForHealth(outcome: TOutcomeClass): boolean {
  return FAILOVER_CLASSES.has(outcome);
}

// Adapters flag unusable answers, but the engine is the one that runs tools,
// so it makes sure every call names an offered tool with a JSON object.
export function isValidToolCall(call: TToolCall, specs: readonly TToolSpec[]): boolean {
  if (!specs.some((spec) => spec.name === call.name)) return false;
  return parseToolArguments(call.arguments) !== undefined;
}

export function parseToolArguments(raw: string): Record<string, unknown> | undefined {
  // Some vendors send "" for a tool without parameters.
  if (raw.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function hasLargerWindowAfter(input: {
  windows: readonly number[];
  index: number;
  needed: number;
}): boolean {
  return input.windows.slice(input.index + 1).some((window) => window > input.needed);
}
