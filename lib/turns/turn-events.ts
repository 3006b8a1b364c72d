// What a settled turn writes to the activity feed: a failover, an "all
// providers failed", and the provider health transitions it caused.
import type { TEventType, TSeverity } from "../activity/record-event";
import type { TAttempt, TLink, TTurnResult } from "../failover";

type TEvent = { type: TEventType; severity: TSeverity; credentialIds: string[]; data: Record<string, unknown> };

// A circuit transition as the activity event it becomes.
export const HEALTH_EVENTS: Record<string, { type: TEventType; severity: TSeverity }> = {
  degraded: { type: "provider_degraded", severity: "warning" },
  recovered: { type: "provider_recovered", severity: "info" },
  needs_attention: { type: "needs_attention", severity: "error" },
};

// Skips the feed names by why the link was not called; the others
// (no budget, too small a window) read well enough as their outcome.
const SKIPS_TOLD_BY_REASON: ReadonlySet<string> = new Set(["circuit_open", "no_images", "key_unreadable", "provider_deleted"]);
const toldSkip = (attempt: TAttempt | undefined) => (attempt?.skipped && SKIPS_TOLD_BY_REASON.has(attempt.skipped) ? attempt.skipped : undefined);

// A link's failures since its last usable reply: the ones that made it give
// up. A failure before a usable reply was repaired by the corrective retry.
function unrepaired(attempts: TAttempt[], linkId: string): TAttempt[] {
  const own = attempts.filter((a) => a.linkId === linkId);
  return own.slice(own.findLastIndex((a) => a.outcome === "ok") + 1);
}

// Each time the turn moved on from a link: the attempt that made the link
// give up (its first failure since its last usable reply), the next link's
// first attempt, and the reason the feed gives. Metrics count these and
// traces mark them on the turn's span.
export function failoverSteps(attempts: TAttempt[]): Array<{ from: TAttempt; to: TAttempt; reason: string }> {
  const runs: TAttempt[][] = [];
  for (const attempt of attempts) {
    const run = runs.at(-1);
    if (run && run[0]!.linkId === attempt.linkId) run.push(attempt);
    else runs.push([attempt]);
  }
  return runs.slice(1).map((run, index) => {
    const left = runs[index]!;
    const from = unrepaired(left, left[0]!.linkId)[0] ?? left.at(-1)!;
    return { from, to: run[0]!, reason: toldSkip(from) ?? from.outcome };
  });
}

// What an event tells of one attempt; the attempt's row stores this and more.
export function attemptSummary(a: TAttempt) {
  return {
    label: a.label,
    model: a.model,
    outcome: a.outcome,
    status: a.status ?? null,
    latencyMs: a.latencyMs,
    skipped: a.skipped ?? null,
    corrective: a.corrective ?? false,
    delivered: a.delivered ?? 0,
    continued: a.continued ?? false,
  };
}

// `links`: the chain the turn ran on, whose credentials the attempts name.
export function turnEvents({
  result,
  links,
  turnId,
  conversationId,
  latencyMs,
}: {
  result: TTurnResult;
  links: TLink[];
  turnId: string;
  conversationId: string;
  latencyMs: number;
}): TEvent[] {
  const refs = { turnId, conversationId };
  const attempts = result.attempts.map(attemptSummary);
  const failed = result.attempts.filter((a) => a.outcome !== "ok");
  const first = failed[0];
  const credentialOf = new Map(links.map((link) => [link.linkId, link.credentialId]));
  const tried = [...new Set(result.attempts.flatMap((a) => credentialOf.get(a.linkId) ?? []))];
  const events: TEvent[] = [];
  if (result.ok && result.failedOver && first) {
    const lost = unrepaired(result.attempts, first.linkId);
    const cause = lost[0] ?? first;
    events.push({
      type: "failover",
      severity: "warning",
      credentialIds: tried,
      data: {
        ...refs,
        from: first.label,
        to: result.answeredBy.label,
        // A skip says why the link was not called; its outcome would not.
        reason: toldSkip(cause) ?? cause.outcome,
        status: cause.status ?? null,
        lostMs: failed.reduce((sum, a) => sum + a.latencyMs, 0),
        totalMs: latencyMs,
        // The failure broke off a streaming answer, which the backup continued.
        ...(cause.delivered ? { continued: true, delivered: cause.delivered } : {}),
        // The failing link was asked to correct its reply first, in vain.
        ...(lost.some((a) => a.corrective) ? { corrected: true } : {}),
        attempts,
      },
    });
  }
  // The primary's unusable reply was fixed by the corrective retry: no
  // failover, but the owner sees what the model got wrong. A repaired tool
  // call is followed by more calls, so the repair need not be the last attempt.
  const repaired = result.attempts.find((a) => a.corrective && a.outcome === "ok");
  if (result.ok && !result.failedOver && first && repaired) {
    events.push({
      type: "answer_repaired",
      severity: "info",
      credentialIds: tried,
      data: { ...refs, provider: repaired.label, outcome: first.outcome, message: first.message ?? null, attempts },
    });
  }
  if (!result.ok && result.terminal === "broke_off") {
    const broken = failed.at(-1);
    events.push({
      type: "answer_broke_off",
      severity: "error",
      credentialIds: tried,
      data: {
        ...refs,
        from: broken?.label ?? null,
        delivered: result.attempts.reduce((n, a) => n + (a.delivered ?? 0), 0),
        outcome: result.error.outcome,
        status: result.error.status ?? null,
        message: result.error.message,
        attempts,
      },
    });
  }
  if (!result.ok && result.terminal === "all_failed") {
    // The caller got the primary's error: when the primary was skipped, why.
    const primary = result.attempts.findLast((a) => a.linkId === result.attempts[0]?.linkId);
    const skip = toldSkip(primary);
    events.push({
      type: "all_failed",
      severity: "error",
      credentialIds: tried,
      data: {
        ...refs,
        ...(skip ? { reason: skip } : {}),
        outcome: result.error.outcome,
        status: result.error.status ?? null,
        message: result.error.message,
        attempts,
      },
    });
  }
  return [...events, ...healthEvents(result.events, refs)];
}

// The circuit transitions a run of the engine caused, as activity events;
// `refs` says what ran (a turn, or a drill).
export function healthEvents(transitions: TTurnResult["events"], refs: Record<string, string>): TEvent[] {
  return transitions.flatMap((e) => {
    const kind = HEALTH_EVENTS[e.type];
    return kind ? [{ ...kind, credentialIds: [e.credentialId], data: { ...refs, provider: e.label, circuitKey: e.circuitKey, cause: e.cause ?? null } }] : [];
  });
}
