// What the engine does with each outcome class. Pure.
import { OUTCOME_CLASSES, type TOutcomeClass, type TResponseFormat, type TToolCall, type TToolSpec } from "../providers/types";
import type { TFailure, TSchemaCheck, TSchemaVerdict } from "./types";

// Outcomes that say "this provider cannot answer right now"; the next link
// may well succeed, and they are what provider health counts. The rest are an
// answer or the request's own fault, which every provider would refuse alike.
const NOT_FAILOVER: ReadonlyArray<TOutcomeClass> = ["ok", "bad_request", "context_length", "content_filter"];
const FAILOVER_CLASSES: ReadonlySet<TOutcomeClass> = new Set(OUTCOME_CLASSES.filter((c) => !NOT_FAILOVER.includes(c)));

type TCorrectableClass = "empty" | "bad_tool_call" | "bad_output";

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

const lowerFirst = (text: string) => text.replace(/^The /, "the ");

// The validation error is fed back, so the model knows what to fix.
const CORRECTIVE: Record<TCorrectableClass, (problem: string) => string> = {
  empty: () => "Your previous reply was empty. Answer the user's last message.",
  bad_tool_call: (problem) =>
    `Your previous tool call was not valid: ${lowerFirst(problem)}. ` +
    "Call one of the offered tools again with arguments that match its parameters schema, or answer in text if no call is required.",
  bad_output: (problem) => `Your previous reply did not have the required format: ${lowerFirst(problem)}. Reply again in exactly that format.`,
};

const isCorrectable = (outcome: TOutcomeClass): outcome is TCorrectableClass => outcome in CORRECTIVE;

export function decideAfterFailure(input: {
  outcome: TOutcomeClass;
  // What was wrong, for the corrective instruction.
  message: string;
  correctedAlready: boolean;
  // Text reached the caller before this failure, and the agent's break
  // policy is "end with an error".
  endsBroken: boolean;
}): TDecision {
  const { outcome, correctedAlready, endsBroken } = input;
  if (endsBroken) return { kind: "end_broken" };
  if (outcome === "context_length") return { kind: "failover_larger_context" };
  if (isCorrectable(outcome) && !correctedAlready) {
    return { kind: "corrective_retry", instruction: CORRECTIVE[outcome](input.message) };
  }
  if (FAILOVER_CLASSES.has(outcome)) return { kind: "failover" };
  return { kind: "return" };
}

export function countsForHealth(outcome: TOutcomeClass): boolean {
  return FAILOVER_CLASSES.has(outcome);
}

// A check that ran out of time says nothing about the reply: the caller's
// schema costs too much to judge against, and every provider would meet it
// alike, so the turn goes back to the caller and no provider is blamed.
function judged(verdict: TSchemaVerdict, words: { mismatch: (problem: string) => TFailure; schema: string; value: string }): TFailure | undefined {
  if (verdict.kind === "valid") return undefined;
  if (verdict.kind === "invalid") return words.mismatch(verdict.problem);
  const message = `${words.schema} took longer than ${verdict.limitMs} ms to check ${words.value} against; simplify the schema`;
  return { outcome: "bad_request", message };
}

// Adapters flag unusable answers, but the engine is the one that runs tools
// (or hands them to the caller), so it makes sure every call names an
// offered tool with arguments its parameters schema accepts.
export async function toolCallProblem(input: { call: TToolCall; specs: readonly TToolSpec[]; check: TSchemaCheck }): Promise<TFailure | undefined> {
  const { call, specs, check } = input;
  const badCall = (message: string): TFailure => ({ outcome: "bad_tool_call", message });
  const spec = specs.find((each) => each.name === call.name);
  if (!spec) return badCall(`"${call.name}" is not an offered tool`);
  const args = parseToolArguments(call.arguments);
  if (args === undefined) return badCall(`The arguments of "${call.name}" are not a JSON object`);
  return judged(await check({ schema: spec.parameters, value: args }), {
    mismatch: (problem) => badCall(`The arguments of "${call.name}" do not match its schema: ${problem}`),
    schema: `The parameters schema of "${call.name}"`,
    value: "the call's arguments",
  });
}

// Why a final text answer is not in the format the caller asked for.
export async function outputProblem(input: { text: string; format: TResponseFormat | undefined; check: TSchemaCheck }): Promise<TFailure | undefined> {
  const { text, format, check } = input;
  if (!format || format.type === "text") return undefined;
  const badOutput = (message: string): TFailure => ({ outcome: "bad_output", message });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return badOutput("The reply is not valid JSON");
  }
  if (format.type === "json_object")
    return typeof value === "object" && value !== null && !Array.isArray(value) ? undefined : badOutput("The reply is not a JSON object");
  return judged(await check({ schema: format.schema, value }), {
    mismatch: (problem) => badOutput(`The reply does not match the "${format.name}" schema: ${problem}`),
    schema: `The "${format.name}" response format schema`,
    value: "the reply",
  });
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

export function hasLargerWindowAfter(input: { windows: readonly number[]; index: number; needed: number }): boolean {
  return input.windows.slice(input.index + 1).some((window) => window > input.needed);
}
