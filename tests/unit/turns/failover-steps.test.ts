// Each time a turn moved on from a link, as metrics count it and traces mark it.
import { describe, expect, it } from "vitest";

import type { TAttempt } from "@/lib/failover";
import { failoverSteps } from "@/lib/turns/turn-events";

const attempt = (linkId: string, outcome: TAttempt["outcome"], extra: Partial<TAttempt> = {}): TAttempt => ({
  linkId,
  label: `Provider ${linkId}`,
  model: "m",
  outcome,
  startedAt: 0,
  latencyMs: 1,
  step: 0,
  ...extra,
});

describe("failoverSteps", () => {
  it("is empty for a turn that stayed on its first link, answered or not", () => {
    expect(failoverSteps([attempt("a", "ok")])).toEqual([]);
    expect(failoverSteps([attempt("a", "bad_request")])).toEqual([]);
    expect(failoverSteps([attempt("a", "empty"), attempt("a", "ok", { corrective: true })])).toEqual([]);
  });

  it("names the failure that made each link give up, the next link's first attempt, and the feed's reason", () => {
    const primary = attempt("a", "overloaded", { status: 503 });
    const skipped = attempt("b", "rate_limited", { skipped: "circuit_open", latencyMs: 0 });
    const backup = attempt("c", "ok");

    expect(failoverSteps([primary, skipped, backup])).toEqual([
      { from: primary, to: skipped, reason: "overloaded" },
      { from: skipped, to: backup, reason: "circuit_open" },
    ]);
  });

  it("takes the first failure after the link's last usable reply, not a failure a corrective retry repaired", () => {
    const repaired = attempt("a", "bad_tool_call");
    const fixed = attempt("a", "ok", { corrective: true });
    const lost = attempt("a", "timeout", { step: 1 });
    const retried = attempt("a", "timeout", { step: 1, corrective: true });
    const backup = attempt("b", "ok", { step: 1 });

    expect(failoverSteps([repaired, fixed, lost, retried, backup])).toEqual([{ from: lost, to: backup, reason: "timeout" }]);
  });
});
