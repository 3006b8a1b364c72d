import { describe, expect, it } from "vitest";

import { explainFailover } from "@/lib/turns/explain-turn";

const attempt = (label: string, outcome: string, status: number | null = null, skipped: string | null = null) => ({
  label,
  outcome,
  status,
  skipped,
  corrective: false,
});
const corrective = (label: string, outcome: string, status: number | null = null) => ({ ...attempt(label, outcome, status), corrective: true });

describe("explainFailover", () => {
  it("names the backup and why the primary failed", () => {
    expect(
      explainFailover({
        answeredBy: "Anthropic (simulated)",
        attempts: [attempt("OpenAI (simulated)", "rate_limited", 429), attempt("Anthropic (simulated)", "ok")],
      }),
    ).toBe("Answered by Anthropic (simulated) after OpenAI (simulated) was rate-limited (429)");
  });

  it("says when the primary was skipped because its circuit is open", () => {
    expect(explainFailover({ answeredBy: "B", attempts: [attempt("A", "overloaded", 503, "circuit_open"), attempt("B", "ok")] })).toBe(
      "Answered by B after A was skipped (circuit open after repeated failures)",
    );
  });

  it("says nothing when the primary answered after its own corrective retry", () => {
    expect(explainFailover({ answeredBy: "A", attempts: [attempt("A", "empty"), corrective("A", "ok")] })).toBeNull();
  });

  it("names the failure the turn moved on from, not one a corrective retry repaired", () => {
    // A broken tool call, repaired; the tool round's next call was rate-limited.
    const attempts = [attempt("A", "bad_tool_call"), corrective("A", "ok"), attempt("A", "rate_limited", 429), attempt("B", "ok")];
    expect(explainFailover({ answeredBy: "B", attempts })).toBe("Answered by B after A was rate-limited (429)");
  });

  it("names the corrective retry's own failure when the retry failed too", () => {
    const attempts = [attempt("A", "empty"), corrective("A", "timeout"), attempt("B", "ok")];
    expect(explainFailover({ answeredBy: "B", attempts })).toBe("Answered by B after A timed out");
  });
});
