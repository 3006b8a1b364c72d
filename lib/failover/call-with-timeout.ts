// One provider call under its own deadline.
import type { TChatRequest, TChatResult } from "@/lib/providers/types";

export type TCallOutcome =
  | { kind: "result"; result: TChatResult; latencyMs: number }
  | { kind: "error"; error: unknown; timedOut: boolean; latencyMs: number };

export async function callWithTimeout(input: {
  call: (req: TChatRequest) => Promise<TChatResult>;
  req: Omit<TChatRequest, "signal" | "timeoutMs">;
  timeoutMs: number;
  now: () => number;
}): Promise<TCallOutcome> {
  const { call, req, timeoutMs, now } = input;
  const controller = new AbortController();
  const startedAt = now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Racing the deadline, not only signalling it, means a call that ignores
  // its AbortSignal still cannot hold the turn past the deadline.
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, "TimeoutError"));
      resolve("timeout");
    }, timeoutMs);
  });
  const pending = Promise.resolve().then(() => call({ ...req, timeoutMs, signal: controller.signal }));
  // An abandoned call may still settle after the deadline; nobody awaits it.
  pending.catch(() => undefined);
  try {
    const winner = await Promise.race([pending, deadline]);
    const latencyMs = now() - startedAt;
    if (winner === "timeout") return { kind: "error", error: controller.signal.reason, timedOut: true, latencyMs };
    return { kind: "result", result: winner, latencyMs };
  } catch (error) {
    return { kind: "error", error, timedOut: controller.signal.aborted, latencyMs: now() - startedAt };
  } finally {
    clearTimeout(timer);
  }
}
