// One line under an answer that came from a backup, in the words the feed
// uses: "Answered by Anthropic (simulated) after OpenAI (simulated) was
// rate-limited (429)".
import { toOutcomeClass, type TOutcomeClass } from "../providers/types";

const WAS: Partial<Record<TOutcomeClass, string>> = {
  rate_limited: "was rate-limited",
  quota_exhausted: "ran out of quota",
  overloaded: "was overloaded",
  server_error: "had a server error",
  timeout: "timed out",
  network: "could not be reached",
  auth: "rejected its key",
  model_unavailable: "did not have the model",
  context_length: "could not fit the conversation",
  empty: "gave an empty answer",
  bad_tool_call: "made a broken tool call",
  bad_output: "answered in the wrong format",
  stream_cut: "cut its answer off",
};

type TAttemptLike = { label: string; outcome: string; status: number | null; skipped: string | null; corrective: boolean; delivered?: number };

function failureReason(attempt: TAttemptLike): string {
  if (attempt.skipped === "circuit_open") return `${attempt.label} was skipped (circuit open after repeated failures)`;
  if (attempt.skipped === "key_unreadable") return `${attempt.label} was skipped (its key could not be opened)`;
  if (attempt.skipped === "provider_deleted") return `${attempt.label} was skipped (its saved provider was deleted)`;
  const words = WAS[toOutcomeClass(attempt.outcome)] ?? "failed";
  return `${attempt.label} ${words}${attempt.status ? ` (${attempt.status})` : ""}`;
}

// A failure its link repaired with a corrective retry moved the turn
// nowhere: the line names the first failure the turn moved on from.
const movedOn = (attempts: TAttemptLike[]) =>
  attempts.find((a, i) => {
    const next = attempts[i + 1];
    return a.outcome !== "ok" && !(next?.corrective && next.label === a.label);
  });

export function explainFailover({ answeredBy, attempts }: { answeredBy: string; attempts: TAttemptLike[] }): string | null {
  const first = movedOn(attempts);
  if (!first || first.label === answeredBy) return null;
  // A streamed piece of text is about a token from real vendors.
  const streamed = first.delivered ? ` after streaming ${first.delivered} ${first.delivered === 1 ? "token" : "tokens"}` : "";
  return `Answered by ${answeredBy} after ${failureReason(first)}${streamed}`;
}
