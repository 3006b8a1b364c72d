// Each attempt records when it began on the engine's clock, so a trace can
// place its span; a link passed over without a call begins and ends at once.
import { describe, expect, it } from "vitest";

import { runTurn } from "@/lib/failover/run-turn";
import type { TChatRequest } from "@/lib/providers/types";

import { makeDeps, makeLink, scriptedCall, USER_MESSAGE } from "./fake-provider";

describe("runTurn records each attempt's start time", () => {
  it("from the engine's clock, before the call, one call after the other", async () => {
    let clock = 1_000;
    const fake = scriptedCall({ primary: [{ fail: "overloaded", status: 503 }], backup: [{ text: "Hi" }] });
    // Each call takes 250 ms of the fake clock.
    const call = (req: TChatRequest) => {
      clock += 250;
      return fake.call(req);
    };

    const result = await runTurn({ links: [makeLink("primary"), makeLink("backup")], messages: [USER_MESSAGE], deps: makeDeps({ call, now: () => clock }) });

    expect(result.attempts.map((a) => [a.linkId, a.startedAt, a.latencyMs])).toEqual([
      ["link-primary", 1_000, 250],
      ["link-backup", 1_250, 250],
    ]);
  });

  it("at the moment a link that cannot be called is passed over", async () => {
    let clock = 5_000;
    const fake = scriptedCall({ backup: [{ text: "Hi" }] });
    const call = (req: TChatRequest) => {
      clock += 100;
      return fake.call(req);
    };
    const unusable = makeLink("primary", { unusable: { reason: "key_unreadable", message: "The key does not open" } });

    const result = await runTurn({ links: [unusable, makeLink("backup")], messages: [USER_MESSAGE], deps: makeDeps({ call, now: () => clock }) });

    expect(result.attempts.map((a) => [a.linkId, a.skipped, a.startedAt, a.latencyMs])).toEqual([
      ["link-primary", "key_unreadable", 5_000, 0],
      ["link-backup", undefined, 5_000, 100],
    ]);
  });
});
