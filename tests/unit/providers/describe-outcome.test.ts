import { describe, expect, it } from "vitest";

import { describeOutcome } from "@/lib/providers/describe-outcome";
import { OUTCOME_CLASSES } from "@/lib/providers/types";

describe("describeOutcome", () => {
  it.each([
    ["auth", 401, "Key rejected (401)"],
    ["rate_limited", 429, "Rate limited (429)"],
    ["model_unavailable", 404, "Model not found (404)"],
    ["quota_exhausted", 429, "Quota exhausted (429)"],
    ["overloaded", 529, "Overloaded (529)"],
    ["server_error", 500, "Server error (500)"],
  ] as const)("%s with status %i reads %s", (outcome, status, words) => {
    expect(describeOutcome(outcome, status)).toBe(words);
  });

  it("leaves the status out when there is none", () => {
    expect(describeOutcome("empty")).toBe("Empty answer");
    expect(describeOutcome("overloaded")).toBe("Overloaded");
  });

  it.each([
    [10_000, "Timed out after 10 s"],
    [300, "Timed out after 0.3 s"],
    [2_500, "Timed out after 2.5 s"],
    [45_400, "Timed out after 45 s"],
  ])("says how long a timeout waited (%i ms)", (ms, words) => {
    expect(describeOutcome("timeout", undefined, ms)).toBe(words);
  });

  it("describes network failures without a status", () => {
    expect(describeOutcome("network")).toMatch(/^Connection failed/);
  });

  it("has plain words, not the class id, for every outcome class", () => {
    for (const outcome of OUTCOME_CLASSES) {
      const words = describeOutcome(outcome);
      expect(words).toMatch(/^[A-Z]/);
      expect(words).not.toContain("_");
    }
  });
});
