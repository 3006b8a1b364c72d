// The failover engine: walk the running chain, primary first, until a link
// answers, a failure says the backups would fail the same way, or every link
// has failed. Provider calls, classification and health storage are injected,
// so the walk itself is deterministic and unit-tested.
import type { TChatResult } from "../providers/types";
import { hasLargerWindowAfter } from "./policy";
import { runLink, type TLinkOutcome } from "./run-link";
import { createTurnState, recordAttempt, type TTurnState } from "./turn-state";
import type { TFailure, TLink, TPosition, TRunTurnInput, TSkipReason, TTurnResult } from "./types";

export const DEFAULT_FORCED_FAILURE: TFailure = { outcome: "server_error", status: 503, message: "Made to fail by a failover drill; not called" };

type TVisit =
  | { kind: "answered"; result: TChatResult }
  | { kind: "stop"; failure: TFailure; terminal: "no_failover" | "broke_off" }
  | { kind: "failed"; original: TFailure };

export async function runTurn(input: TRunTurnInput): Promise<TTurnResult> {
  const turn = createTurnState(input);
  const result = await walk(turn);
  // Health is written while the next link is already being called; the
  // turn's events (in `result`, by reference) need every write done.
  await Promise.all(turn.healthWrites);
  return result;
}

async function walk(turn: TTurnState): Promise<TTurnResult> {
  const [primary, ...backups] = turn.input.links.map((link, index) => ({ link, index }));
  if (!primary) throw new Error("runTurn needs at least one link");
  const first = await visitLink(turn, primary);
  if (first.kind !== "failed") return settle(turn, primary.link, first);
  for (const position of backups) {
    const visit = await visitLink(turn, position);
    if (visit.kind !== "failed") return settle(turn, position.link, visit);
  }
  // The primary's error is the one the tenant configured for and can act on.
  return { ok: false, error: first.original, terminal: "all_failed", ...record(turn) };
}

async function visitLink(turn: TTurnState, position: TPosition): Promise<TVisit> {
  const { link, index } = position;
  // Before anything else: a drill's forced link neither calls the provider
  // nor touches its circuit (a probe slot taken here would be wasted).
  const forced = turn.input.forced;
  if (forced?.linkIds.includes(link.linkId)) return skip({ turn, link, reason: "forced", failure: forced.failure ?? DEFAULT_FORCED_FAILURE });
  // Not the provider's fault, so no health is recorded; "auth" because the
  // tenant's fix is the same: replace the key or the provider, then restart.
  if (link.unusable) return skip({ turn, link, reason: link.unusable.reason, failure: { outcome: "auth", message: link.unusable.message } });
  if (turn.neededWindow > 0 && link.contextWindow <= turn.neededWindow) {
    const message = "The conversation is longer than this model's context window";
    return skip({ turn, link, reason: "context_window", failure: { outcome: "context_length", message } });
  }
  if (turn.hasImages && link.takesImages === false) {
    // The caller's request, not the provider, is what this model cannot take.
    const message = `The conversation has images and ${link.target.model} reads text only`;
    return skip({ turn, link, reason: "no_images", failure: { outcome: "bad_request", message } });
  }
  const blocked = await circuitBlocks(turn, position);
  if (blocked) return skip({ turn, link, reason: "circuit_open", failure: blocked });
  const outcome = await runLink(turn, position);
  turn.healthWrites.push(recordHealth(turn, link, outcome));
  if (outcome.kind === "answered") return outcome;
  const { decision, failure, original } = outcome;
  if (decision.kind === "return") return { kind: "stop", failure, terminal: "no_failover" };
  if (decision.kind === "end_broken")
    return { kind: "stop", failure: { ...failure, message: `The answer broke off: ${failure.message}` }, terminal: "broke_off" };
  if (decision.kind === "failover_larger_context") {
    turn.neededWindow = Math.max(turn.neededWindow, link.contextWindow);
    const windows = turn.input.links.map((each) => each.contextWindow);
    if (!hasLargerWindowAfter({ windows, index, needed: turn.neededWindow })) return { kind: "stop", failure, terminal: "no_failover" };
  }
  return { kind: "failed", original };
}

function skip(input: { turn: TTurnState; link: TLink; reason: TSkipReason; failure: TFailure }): TVisit {
  recordAttempt(input.turn, { link: input.link, latencyMs: 0, failure: input.failure, skipped: input.reason });
  return { kind: "failed", original: input.failure };
}

// Returns why the link is skipped, or undefined to call it. The last link is
// called even with its circuit open: a long-shot answer beats a certain error.
async function circuitBlocks(turn: TTurnState, position: TPosition): Promise<TFailure | undefined> {
  const { link, index } = position;
  const { store, now } = turn.input.deps;
  const state = await guarded(turn, () => store.get(link.circuitKey));
  if (!state || state.state === "closed") return undefined;
  const granted = await guarded(turn, () => store.acquireProbe(link.circuitKey, now()));
  const isLast = index === turn.input.links.length - 1;
  if (granted !== false || isLast) return undefined;
  return {
    outcome: state.lastError?.outcome ?? "server_error",
    status: state.lastError?.status,
    message: `Skipped: circuit open after ${state.consecutiveFailures} consecutive failures`,
  };
}

async function recordHealth(turn: TTurnState, link: TLink, outcome: TLinkOutcome): Promise<void> {
  if (outcome.kind === "failed" && !outcome.countsForHealth) return;
  const { store, now } = turn.input.deps;
  const key = link.circuitKey;
  const events = await guarded(turn, () => {
    if (outcome.kind === "answered") return store.recordSuccess(key, now());
    const { outcome: outcomeClass, status } = outcome.failure;
    return store.recordFailure({ key, now: now(), outcome: outcomeClass, status });
  });
  for (const event of events ?? []) {
    turn.events.push({ ...event, circuitKey: key, linkId: link.linkId, label: link.label, credentialId: link.credentialId });
  }
}

// Provider health is advisory; an unreachable store must not fail a turn.
async function guarded<T>(turn: TTurnState, operation: () => Promise<T>): Promise<T | undefined> {
  try {
    return await operation();
  } catch (error) {
    turn.input.deps.onStoreError?.(error);
    return undefined;
  }
}

function settle(turn: TTurnState, link: TLink, visit: Exclude<TVisit, { kind: "failed" }>): TTurnResult {
  if (visit.kind === "stop") return { ok: false, error: visit.failure, terminal: visit.terminal, ...record(turn) };
  return {
    ok: true,
    answer: visit.result,
    answeredBy: link,
    failedOver: link !== turn.input.links[0],
    ...record(turn),
  };
}

function record(turn: TTurnState) {
  const { attempts, newMessages, events, spoken, contributors } = turn;
  return { attempts, newMessages, events, spoken, contributors };
}
