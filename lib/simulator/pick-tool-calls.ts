// Which tools the simulated model calls, and with what arguments. Two
// built-in tools answer to trigger phrases ("what time is it", "calculate
// ..."); every other tool is the caller's, called once per user message in
// the order offered, with arguments made from its JSON Schema.
import { brokenValue, sampleValue } from "./json-schema-sample";
import type { TSimTool, TSimTurn } from "./turn";

export type TSimToolCall = { name: string; arguments: string };

const BUILT_IN = new Set(["current_time", "calculator"]);

// Truncated on purpose: it is what "arguments that are not valid JSON" look
// like when a model's output is cut or garbled.
const BROKEN_ARGUMENTS = '{"expression": "2 + ';

const callerTools = (turn: TSimTurn): TSimTool[] => turn.tools.filter((tool) => !BUILT_IN.has(tool.name));

// A built-in tool the user's words ask for, with the arguments they give.
function triggeredCall(turn: TSimTurn): TSimToolCall | undefined {
  const text = turn.lastUserText.toLowerCase();
  if (text.includes("what time is it") && turn.toolNames.includes("current_time")) {
    return { name: "current_time", arguments: "{}" };
  }
  const calc = /calculate\s+(.+)/i.exec(turn.lastUserText);
  if (calc?.[1] && turn.toolNames.includes("calculator")) {
    const expression = calc[1].trim().replace(/[?.!]+$/, "");
    return { name: "calculator", arguments: JSON.stringify({ expression }) };
  }
  return undefined;
}

function sampledCall(turn: TSimTurn, name: string): TSimToolCall {
  const parameters = turn.tools.find((tool) => tool.name === name)?.parameters ?? {};
  return { name, arguments: JSON.stringify(sampleValue(parameters)) };
}

// A forced tool: the built-in arguments when the user's words give them.
function namedCall(turn: TSimTurn, name: string): TSimToolCall {
  const triggered = triggeredCall(turn);
  return triggered?.name === name ? triggered : sampledCall(turn, name);
}

/**
 * The calls of a healthy model, none when it should answer in text:
 * - a named tool choice always calls that tool; `none` (or a continuation) never calls;
 * - a built-in tool whose trigger phrase the user said, unless called since;
 * - the next caller tool not called since the user spoke, or all of them at
 *   once when the user said "in parallel" and parallel calls are allowed;
 * - with `required`, when all that is done, the next tool not yet called, else the first.
 */
export function pickToolCalls(turn: TSimTurn): TSimToolCall[] {
  const { toolChoice, calledTools } = turn;
  if (turn.continuing || toolChoice.type === "none" || !turn.tools.length) return [];
  if (toolChoice.type === "tool") return [namedCall(turn, toolChoice.name)];
  const triggered = triggeredCall(turn);
  if (triggered && !calledTools.includes(triggered.name)) return [triggered];
  const uncalled = callerTools(turn).filter((tool) => !calledTools.includes(tool.name));
  const inParallel = turn.parallelToolCalls && turn.lastUserText.toLowerCase().includes("in parallel");
  const next = inParallel ? uncalled : uncalled.slice(0, 1);
  if (next.length) return next.map((tool) => sampledCall(turn, tool.name));
  if (toolChoice.type !== "required") return [];
  const fallback = turn.tools.find((tool) => !calledTools.includes(tool.name)) ?? turn.tools[0];
  return fallback ? [sampledCall(turn, fallback.name)] : [];
}

/**
 * A careless model's call: the first caller tool (or the forced one) with
 * JSON arguments that fail its schema; without caller tools, arguments that
 * are not JSON at all.
 */
export function brokenToolCall(turn: TSimTurn, brokenJson: boolean): TSimToolCall {
  const callers = callerTools(turn);
  const forced = turn.toolChoice.type === "tool" ? turn.toolChoice.name : undefined;
  const target = callers.find((tool) => tool.name === forced) ?? callers[0];
  if (brokenJson || !target) return { name: turn.toolNames[0] ?? "calculator", arguments: BROKEN_ARGUMENTS };
  return { name: target.name, arguments: JSON.stringify(brokenValue(target.parameters)) };
}
