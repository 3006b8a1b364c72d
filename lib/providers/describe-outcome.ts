// Outcome classes in the words the dashboard shows next to an attempt.
import type { TOutcomeClass } from "./types";

function seconds(ms: number): string {
  const s = ms / 1000;
  return s >= 10 ? String(Math.round(s)) : String(Number(s.toFixed(2)));
}

const WORDS: Record<TOutcomeClass, string> = {
  ok: "OK",
  rate_limited: "Rate limited",
  quota_exhausted: "Quota exhausted",
  overloaded: "Overloaded",
  server_error: "Server error",
  timeout: "Timed out",
  network: "Connection failed (refused, reset or DNS)",
  auth: "Key rejected",
  model_unavailable: "Model not found",
  bad_request: "Request rejected as invalid",
  context_length: "Conversation too long for the model",
  content_filter: "Blocked by the provider's content filter",
  empty: "Empty answer",
  bad_tool_call: "Tool call with unusable arguments",
  bad_output: "Answer not in the requested format",
  stream_cut: "Answer cut off mid-stream",
};

/** e.g. "Rate limited (429)", "Timed out after 10 s", "Empty answer". */
export function describeOutcome(outcome: TOutcomeClass, status?: number, timeoutMs?: number): string {
  if (outcome === "timeout" && timeoutMs !== undefined) return `Timed out after ${seconds(timeoutMs)} s`;
  return status === undefined ? WORDS[outcome] : `${WORDS[outcome]} (${status})`;
}
