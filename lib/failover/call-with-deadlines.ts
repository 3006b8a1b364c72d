// One provider call under deadlines that judge silence, not length: the
// first piece of the answer must come within the link's first token timeout,
// and once it streams, no silence may exceed the stall timeout. Only content
// (text, tool-call arguments, reasoning) counts as a first token; after it,
// every byte the provider sends is a sign of life, so a complete answer whose
// finish, usage and terminator come slowly is not taken for a stalled one.
// Only the turn's budget (capMs) bounds a call that keeps streaming.
import type { TChatRequest, TChatResult } from "../providers/types";

export type TTimeoutReason = "first_token" | "stall" | "budget";

export type TCallOutcome =
  { kind: "result"; result: TChatResult; latencyMs: number } | { kind: "error"; error: unknown; timedOut?: TTimeoutReason; latencyMs: number };

type TDeadlines = { firstTokenMs: number; stallMs: number; capMs: number };

const MESSAGES: Record<TTimeoutReason, (ms: number) => string> = {
  first_token: (ms) => `No first token within ${ms} ms`,
  stall: (ms) => `The answer stalled: nothing new for ${ms} ms`,
  budget: () => "The turn's time budget ran out",
};

export async function callWithDeadlines(input: {
  call: (req: TChatRequest) => Promise<TChatResult>;
  req: Omit<TChatRequest, "signal" | "timeoutMs" | "onText" | "onProgress" | "onAlive">;
  deadlines: TDeadlines;
  now: () => number;
  // Each piece of text, as it arrives; never called once a deadline passed.
  onText: (text: string) => void;
}): Promise<TCallOutcome> {
  const { call, req, deadlines, now } = input;
  const controller = new AbortController();
  const startedAt = now();
  const capAt = startedAt + deadlines.capMs;
  let reason: TTimeoutReason | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Set by the first piece of content; from then on the stall rule applies.
  let streaming = false;
  let lastLife = startedAt;
  let expired: (value: "timeout") => void = () => undefined;
  // Racing the deadline, not only signalling it, means a call that ignores
  // its AbortSignal still cannot hold the turn past the deadline.
  const deadline = new Promise<"timeout">((resolve) => (expired = resolve));
  const expire = (why: TTimeoutReason, ms: number) => {
    reason = why;
    controller.abort(new DOMException(MESSAGES[why](ms), "TimeoutError"));
    expired("timeout");
  };
  // Waits `waitMs` (never past the budget), then runs `then`.
  const arm = (waitMs: number, kind: TTimeoutReason, then: (ms: number, why: TTimeoutReason) => void) => {
    clearTimeout(timer);
    const leftMs = Math.max(0, capAt - now());
    const [ms, why] = waitMs > leftMs ? [leftMs, "budget" as const] : [waitMs, kind];
    timer = setTimeout(() => then(ms, why), ms);
  };
  // One timer for the whole stream rather than one per chunk: when it fires,
  // it looks at the last sign of life and waits again for what is left.
  const checkStall = (ms: number, why: TTimeoutReason) => {
    if (reason !== undefined) return;
    if (why === "budget") return expire(why, ms);
    const silentMs = now() - lastLife;
    if (silentMs >= deadlines.stallMs) return expire("stall", deadlines.stallMs);
    arm(deadlines.stallMs - silentMs, "stall", checkStall);
  };
  const alive = () => {
    if (streaming) lastLife = now();
  };
  const progress = () => {
    if (streaming) return alive();
    if (reason !== undefined) return;
    streaming = true;
    lastLife = now();
    arm(deadlines.stallMs, "stall", checkStall);
  };
  arm(deadlines.firstTokenMs, "first_token", (ms, why) => expire(why, ms));
  const onText = (text: string) => {
    if (reason !== undefined) return;
    progress();
    input.onText(text);
  };
  const pending = Promise.resolve().then(() =>
    call({ ...req, timeoutMs: deadlines.capMs, signal: controller.signal, onText, onProgress: progress, onAlive: alive }),
  );
  // An abandoned call may still settle after the deadline; nobody awaits it.
  pending.catch(() => undefined);
  try {
    const winner = await Promise.race([pending, deadline]);
    const latencyMs = now() - startedAt;
    if (winner === "timeout") return { kind: "error", error: controller.signal.reason, timedOut: reason, latencyMs };
    return { kind: "result", result: winner, latencyMs };
  } catch (error) {
    return { kind: "error", error, timedOut: reason, latencyMs: now() - startedAt };
  } finally {
    clearTimeout(timer);
  }
}
