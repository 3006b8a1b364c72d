import { describe, expect, it } from "vitest";

import { explainFailover } from "@/lib/turns/explain-turn";

const attempt = (label: string, outcome: string, status: number | null = null, skipped: string | null = null) => ({ label, outcome, status, skipped });

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
    expect(explainFailover({ answeredBy: "A", attempts: [attempt("A", "empty"), attempt("A", "ok")] })).toBeNull();
  });
});
