// The mutable record of one turn while the engine walks the chain.
import type { TMessage, TToolSpec } from "../providers/types";
import { DEFAULT_BUDGET_PARAMS, type TBudgetParams } from "./budget";
import type { TAttempt, TBreakPolicy, TFailure, TLink, TRunTurnInput, TSkipReason, TTurnEvent } from "./types";

const DEFAULT_MAX_TOOL_STEPS = 5;

export type TTurnState = {
  input: TRunTurnInput;
  budget: TBudgetParams;
  maxToolSteps: number;
  onBreak: TBreakPolicy;
  deadline: number;
  // Every tool the model is offered: the agent's built-in ones, then the caller's.
  specs: TToolSpec[];
  // Tools the caller runs: a call to one is handed back, not executed.
  callerToolNames: ReadonlySet<string>;
  attempts: TAttempt[];
  newMessages: TMessage[];
  // Tool results by tool call id: a call that already ran, on any link, is
  // answered from here and never executed twice.
  executed: Map<string, string>;
  toolSteps: number;
  // A context_length failure raises the window a later link needs.
  neededWindow: number;
  // A user message of the conversation carries images.
  hasImages: boolean;
  events: TTurnEvent[];
  // Everything the caller has received this turn.
  spoken: string;
  // The current step's answer as far as the caller has it, left by attempts
  // that broke off: the next attempt continues it.
  partial: string;
  contributors: TLink[];
  // Circuit store writes still in flight; the turn ends once they are done.
  healthWrites: Promise<void>[];
};

export function createTurnState(input: TRunTurnInput): TTurnState {
  const budget = { ...DEFAULT_BUDGET_PARAMS, ...input.budget };
  const executed = new Map<string, string>();
  for (const message of input.messages) {
    if (message.role === "tool") executed.set(message.toolCallId, message.content);
  }
  return {
    input,
    budget,
    maxToolSteps: input.maxToolSteps ?? DEFAULT_MAX_TOOL_STEPS,
    onBreak: input.onBreak ?? "continue_on_backup",
    deadline: input.deps.now() + budget.turnMs,
    specs: [...(input.tools?.specs ?? []), ...(input.callerTools ?? [])],
    callerToolNames: new Set((input.callerTools ?? []).map((tool) => tool.name)),
    attempts: [],
    newMessages: [],
    executed,
    toolSteps: 0,
    neededWindow: 0,
    hasImages: input.messages.some((message) => message.role === "user" && Boolean(message.images?.length)),
    events: [],
    spoken: input.resume ?? "",
    partial: input.resume ?? "",
    contributors: [],
    healthWrites: [],
  };
}

export function recordAttempt(
  turn: TTurnState,
  entry: {
    link: TLink;
    // Omitted for a link passed over without a call: it starts and ends now.
    startedAt?: number;
    latencyMs: number;
    failure?: TFailure;
    skipped?: TSkipReason;
    corrective?: boolean;
    delivered?: number;
    continued?: boolean;
    usage?: TAttempt["usage"];
  },
): void {
  const { link, failure } = entry;
  turn.attempts.push({
    linkId: link.linkId,
    label: link.label,
    model: link.target.model,
    outcome: failure?.outcome ?? "ok",
    ...(failure?.status === undefined ? {} : { status: failure.status }),
    startedAt: entry.startedAt ?? turn.input.deps.now(),
    latencyMs: entry.latencyMs,
    ...(entry.skipped ? { skipped: entry.skipped } : {}),
    ...(entry.corrective ? { corrective: true } : {}),
    ...(failure ? { message: failure.message } : {}),
    step: turn.toolSteps,
    ...(entry.delivered ? { delivered: entry.delivered } : {}),
    ...(entry.continued ? { continued: true } : {}),
    ...(entry.usage ? { usage: entry.usage } : {}),
  });
}
