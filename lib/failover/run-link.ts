// Everything one link does within a turn: its calls, the corrective retry and
// the tool loop. The chain walk (run-turn.ts) decides what happens next.
import type { TChatResult } from "../providers/types";
import { attemptCapMs } from "./budget";
import { callWithDeadlines, type TCallOutcome } from "./call-with-deadlines";
import { decideAfterFailure, outputProblem, type TDecision, toolCallProblem } from "./policy";
import { runToolCalls } from "./run-tool-calls";
import { createSpeaker } from "./speaker";
import { recordAttempt, type TTurnState } from "./turn-state";
import type { TFailure, TLink, TPosition } from "./types";

export type TLinkOutcome =
  | { kind: "answered"; result: TChatResult }
  | {
      kind: "failed";
      failure: TFailure;
      // The link's first failure, before any corrective retry.
      original: TFailure;
      decision: TDecision;
      // False when the turn budget, not the provider, ran out of time.
      countsForHealth: boolean;
    };

type TCallStep = { kind: "ok"; result: TChatResult } | { kind: "failed"; failure: TFailure; cutShort: boolean };

const LAST_TOOL_STEP = "You have used every tool call allowed for this turn. Answer the user now in text, without calling tools.";

const EMPTY = "The reply had no text and no tool call";

export async function runLink(turn: TTurnState, position: TPosition): Promise<TLinkOutcome> {
  let corrected = false;
  let corrective: string | undefined;
  let original: TFailure | undefined;
  for (;;) {
    const step = await callOnce({ turn, position, corrective });
    corrective = undefined;
    if (step.kind === "ok") {
      const { result } = step;
      // The caller's calls go back to the caller; built-in calls made in the
      // same reply run first, so their results are in the stored history.
      const handBack = result.toolCalls.filter((call) => turn.callerToolNames.has(call.name));
      if (handBack.length > 0) {
        await runToolCalls(turn, result, handBack);
        return { kind: "answered", result: { ...result, toolCalls: handBack, finishReason: "tool_calls" } };
      }
      // Past the tool limit the calls are dropped: the text is the answer.
      if (result.toolCalls.length === 0 || turn.toolSteps >= turn.maxToolSteps) {
        turn.newMessages.push({ role: "assistant", content: result.text });
        return { kind: "answered", result: { ...result, toolCalls: [] } };
      }
      await runToolCalls(turn, result, []);
      continue;
    }
    original ??= step.failure;
    const endsBroken = turn.partial !== "" && turn.onBreak === "end_with_error";
    const decision = decideAfterFailure({ outcome: step.failure.outcome, message: step.failure.message, correctedAlready: corrected, endsBroken });
    if (decision.kind === "corrective_retry") {
      corrected = true;
      corrective = decision.instruction;
      continue;
    }
    return { kind: "failed", failure: step.failure, original, decision, countsForHealth: !step.cutShort };
  }
}

async function callOnce(input: { turn: TTurnState; position: TPosition; corrective?: string }): Promise<TCallStep> {
  const { turn, position, corrective } = input;
  const { link, index } = position;
  const { deps, links } = turn.input;
  const capMs = attemptCapMs({
    // A link that cannot be called needs no time kept for it.
    firstTokenTimeoutsMs: links.map((each) => (each.unusable ? 0 : each.firstTokenTimeoutMs)),
    index,
    remainingMs: turn.deadline - deps.now(),
    params: turn.budget,
  });
  if (capMs < turn.budget.minAttemptMs) {
    const failure: TFailure = { outcome: "timeout", message: "The turn's time budget was spent before this call" };
    recordAttempt(turn, { link, latencyMs: 0, failure, skipped: "no_budget" });
    return { kind: "failed", failure, cutShort: true };
  }
  const { specs } = turn;
  const { toolChoice, responseFormat, sampling } = turn.input;
  const notes = [turn.input.system, corrective, turn.toolSteps >= turn.maxToolSteps ? LAST_TOOL_STEP : undefined];
  const continued = turn.partial !== "";
  const speaker = createSpeaker(turn, link, { hold: responseFormat !== undefined && responseFormat.type !== "text" });
  const startedAt = deps.now();
  const outcome = await callWithDeadlines({
    call: deps.call,
    req: {
      ...link.target,
      system: notes.filter(Boolean).join("\n\n") || undefined,
      messages: [...turn.input.messages, ...turn.newMessages],
      tools: specs.length > 0 ? specs : undefined,
      ...(specs.length > 0 && toolChoice && turn.toolSteps === 0 ? { toolChoice } : {}),
      ...(responseFormat ? { responseFormat } : {}),
      ...(sampling ? { sampling } : {}),
      ...(continued ? { continueFrom: turn.partial } : {}),
    },
    deadlines: { firstTokenMs: link.firstTokenTimeoutMs, stallMs: link.stallTimeoutMs, capMs },
    now: deps.now,
    onText: speaker.say,
  });
  // A provider may hand over text it did not stream (or not all of it).
  if (outcome.kind === "result") speaker.finish(outcome.result.text);
  const step = await classify({ turn, outcome, link, text: turn.partial + speaker.answer() });
  if (step.kind === "ok") {
    speaker.release();
    turn.partial = "";
  } else turn.partial += speaker.text();
  const failure = step.kind === "failed" ? step.failure : undefined;
  const usage = outcome.kind === "result" ? outcome.result.usage : undefined;
  recordAttempt(turn, {
    link,
    startedAt,
    latencyMs: outcome.latencyMs,
    failure,
    corrective: corrective !== undefined,
    delivered: speaker.pieces(),
    continued,
    usage,
  });
  return step;
}

function timeoutMessage(outcome: Extract<TCallOutcome, { kind: "error" }>, link: TLink): string {
  if (outcome.timedOut === "first_token") return `No first token within ${link.firstTokenTimeoutMs / 1000} s`;
  if (outcome.timedOut === "stall") return `The answer stalled: nothing new for ${link.stallTimeoutMs / 1000} s`;
  return "No answer before the attempt's deadline";
}

// `text` is the step's whole answer as the caller has it: what earlier
// attempts delivered before breaking off, then this attempt's.
async function classify(input: { turn: TTurnState; outcome: TCallOutcome; link: TLink; text: string }): Promise<TCallStep> {
  const { turn, outcome, link, text } = input;
  const { deps } = turn.input;
  if (outcome.kind === "error" && outcome.timedOut) {
    return { kind: "failed", failure: { outcome: "timeout", message: timeoutMessage(outcome, link) }, cutShort: outcome.timedOut === "budget" };
  }
  if (outcome.kind === "error") {
    const failure = deps.classifyError(outcome.error);
    // A thrown call is never a success, whatever the classifier says.
    const outcomeClass = failure.outcome === "ok" ? "server_error" : failure.outcome;
    return { kind: "failed", failure: { ...failure, outcome: outcomeClass }, cutShort: false };
  }
  const result = { ...outcome.result, text };
  const problem = await unusable(turn, result);
  return problem ? { kind: "failed", failure: problem, cutShort: false } : { kind: "ok", result };
}

// A 200 whose content cannot be used: judged on the whole reply. A call or
// JSON answer that the caller's own max_tokens cut off is the caller's to
// fix: a retry or the backup would be cut at the same place.
async function unusable(turn: TTurnState, result: TChatResult): Promise<TFailure | undefined> {
  const problem = await contentProblem(turn, result);
  const cutByCaller = result.finishReason === "length" && turn.input.sampling?.maxTokens !== undefined;
  if (!problem || !cutByCaller || (problem.outcome !== "bad_output" && problem.outcome !== "bad_tool_call")) return problem;
  return { outcome: "bad_request", message: `The reply reached max_tokens before it was complete: ${problem.message}. Raise max_tokens.` };
}

async function contentProblem(turn: TTurnState, result: TChatResult): Promise<TFailure | undefined> {
  const { specs } = turn;
  const { deps, toolChoice, responseFormat } = turn.input;
  const check = deps.checkSchema;
  const verdict = deps.classifyResult(result, specs.length > 0);
  if (verdict === "empty") return { outcome: "empty", message: EMPTY };
  for (const call of result.toolCalls) {
    const problem = await toolCallProblem({ call, specs, check });
    if (problem) return problem;
  }
  if (verdict === "bad_tool_call") return { outcome: "bad_tool_call", message: "The reply's tool call could not be read" };
  const forced = turn.toolSteps === 0 && specs.length > 0 ? toolChoice : undefined;
  if (forced?.type === "required" && result.toolCalls.length === 0)
    return { outcome: "bad_tool_call", message: 'tool_choice "required" asked for a tool call and the reply had none' };
  if (forced?.type === "tool" && !result.toolCalls.some((call) => call.name === forced.toolName)) {
    return { outcome: "bad_tool_call", message: `tool_choice named "${forced.toolName}" and the reply did not call it` };
  }
  if (result.toolCalls.length > 0) return undefined;
  return outputProblem({ text: result.text, format: responseFormat, check });
}
