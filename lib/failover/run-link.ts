// Everything one link does within a turn: its calls, the corrective retry and
// the tool loop. The chain walk (run-turn.ts) decides what happens next.
import type { TChatResult } from "@/lib/providers/types";
import { attemptTimeoutMs } from "./budget";
import { callWithTimeout, type TCallOutcome } from "./call-with-timeout";
import { decideAfterFailure, isValidToolCall, type TDecision } from "./policy";
import { runToolCalls } from "./run-tool-calls";
import { recordAttempt, type TTurnState } from "./turn-state";
import type { TFailure, TPosition } from "./types";

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

const LAST_TOOL_STEP =
  "You have used every tool call allowed for this turn. Answer the user now in text, without calling tools.";

const UNUSABLE = {
  empty: "The reply had no text and no tool call",
  bad_tool_call: "The reply called a tool that is not offered or with arguments that are not a JSON object",
} as const;

export async function runLink(turn: TTurnState, position: TPosition): Promise<TLinkOutcome> {
  let corrected = false;
  let corrective: string | undefined;
  let original: TFailure | undefined;
  for (;;) {
    const step = await callOnce({ turn, position, corrective });
    corrective = undefined;
    if (step.kind === "ok") {
      // Past the tool limit the calls are dropped: the text is the answer.
      if (step.result.toolCalls.length === 0 || turn.toolSteps >= turn.maxToolSteps) {
        turn.newMessages.push({ role: "assistant", content: step.result.text });
        return { kind: "answered", result: step.result };
      }
      await runToolCalls(turn, step.result);
      continue;
    }
    original ??= step.failure;
    const decision = decideAfterFailure({ outcome: step.failure.outcome, correctedAlready: corrected });
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
  const timeoutMs = attemptTimeoutMs({
    linkTimeoutsMs: links.map((each) => each.timeoutMs),
    index,
    remainingMs: turn.deadline - deps.now(),
    params: turn.budget,
  });
  if (timeoutMs < turn.budget.minAttemptMs) {
    const failure: TFailure = { outcome: "timeout", message: "The turn's time budget was spent before this call" };
    recordAttempt(turn, { link, latencyMs: 0, failure, skipped: "no_budget" });
    return { kind: "failed", failure, cutShort: true };
  }
  const specs = turn.input.tools?.specs ?? [];
  const notes = [turn.input.system, corrective, turn.toolSteps >= turn.maxToolSteps ? LAST_TOOL_STEP : undefined];
  const outcome = await callWithTimeout({
    call: deps.call,
    req: {
      ...link.target,
      system: notes.filter(Boolean).join("\n\n") || undefined,
      messages: [...turn.input.messages, ...turn.newMessages],
      tools: specs.length > 0 ? specs : undefined,
    },
    timeoutMs,
    now: deps.now,
  });
  const step = classify({ turn, outcome, cutShort: timeoutMs < link.timeoutMs });
  const failure = step.kind === "failed" ? step.failure : undefined;
  recordAttempt(turn, { link, latencyMs: outcome.latencyMs, failure, corrective: corrective !== undefined });
  return step;
}

function classify(input: { turn: TTurnState; outcome: TCallOutcome; cutShort: boolean }): TCallStep {
  const { turn, outcome, cutShort } = input;
  const { deps, tools } = turn.input;
  if (outcome.kind === "error" && outcome.timedOut) {
    const message = "No answer before the attempt's deadline";
    return { kind: "failed", failure: { outcome: "timeout", message }, cutShort };
  }
  if (outcome.kind === "error") {
    const failure = deps.classifyError(outcome.error);
    // A thrown call is never a success, whatever the classifier says.
    const outcomeClass = failure.outcome === "ok" ? "server_error" : failure.outcome;
    return { kind: "failed", failure: { ...failure, outcome: outcomeClass }, cutShort: false };
  }
  const specs = tools?.specs ?? [];
  const verdict = deps.classifyResult(outcome.result, specs.length > 0);
  const toolCallsValid = outcome.result.toolCalls.every((call) => isValidToolCall(call, specs));
  if (verdict === "ok" && toolCallsValid) return { kind: "ok", result: outcome.result };
  const unusable = verdict === "ok" ? "bad_tool_call" : verdict;
  return { kind: "failed", failure: { outcome: unusable, message: UNUSABLE[unusable] }, cutShort: false };
}
