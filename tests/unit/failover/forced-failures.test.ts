// A failover drill makes links fail inside the engine: they are not called,
// their circuits are neither read nor written, and the walk goes on as after
// a real failure, so the link after them answers as it would in an outage.
import { describe, expect, it } from "vitest";

import { DEFAULT_FORCED_FAILURE, runTurn } from "@/lib/failover/run-turn";

import { makeDeps, makeLink, scriptedCall, USER_MESSAGE } from "./fake-provider";

const primary = makeLink("primary");
const first = makeLink("first");
const second = makeLink("second");

describe("runTurn with forced failures", () => {
  it("records forced links as skipped with a 503 server error, calls none of them, and the next link answers", async () => {
    const fake = scriptedCall({ second: [{ text: "OK" }] });
    const deps = makeDeps({ call: fake.call });

    const result = await runTurn({
      links: [primary, first, second],
      messages: [USER_MESSAGE],
      deps,
      forced: { linkIds: [primary.linkId, first.linkId] },
    });

    expect(fake.requests.map((req) => req.model)).toEqual(["second"]);
    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-second" }, failedOver: true });
    expect(result.attempts.map((a) => [a.linkId, a.skipped ?? null, a.outcome, a.status ?? null])).toEqual([
      ["link-primary", "forced", "server_error", 503],
      ["link-first", "forced", "server_error", 503],
      ["link-second", null, "ok", null],
    ]);
    expect(result.attempts[0]).toMatchObject({ latencyMs: 0, message: DEFAULT_FORCED_FAILURE.message });
  });

  it("records no health for forced links, but the answering link's success is recorded as usual", async () => {
    const fake = scriptedCall({ first: [{ text: "OK" }] });
    const deps = makeDeps({ call: fake.call });
    // An open circuit on the primary: a forced link must not take its probe.
    for (let i = 0; i < 3; i += 1) await deps.store.recordFailure({ key: primary.circuitKey, outcome: "timeout", now: 0 });
    await deps.store.recordFailure({ key: first.circuitKey, outcome: "timeout", now: Date.now() });
    const before = await deps.store.get(primary.circuitKey);

    await runTurn({ links: [primary, first], messages: [USER_MESSAGE], deps, forced: { linkIds: [primary.linkId] } });

    expect(await deps.store.get(primary.circuitKey)).toEqual(before);
    expect(await deps.store.get(first.circuitKey)).toMatchObject({ state: "closed", consecutiveFailures: 0 });
  });

  it("uses the failure it is given, and a failing backup ends the turn as all failed with the primary's forced error", async () => {
    const fake = scriptedCall({ first: [{ fail: "auth", status: 401 }] });
    const deps = makeDeps({ call: fake.call });
    const failure = { outcome: "rate_limited" as const, status: 429, message: "Drill: rate limited" };

    const result = await runTurn({ links: [primary, first], messages: [USER_MESSAGE], deps, forced: { linkIds: [primary.linkId], failure } });

    expect(fake.requestsFor("primary")).toHaveLength(0);
    expect(result).toMatchObject({ ok: false, terminal: "all_failed", error: failure });
    expect(result.attempts.map((a) => [a.skipped ?? null, a.outcome, a.status])).toEqual([
      ["forced", "rate_limited", 429],
      [null, "auth", 401],
    ]);
    expect(await deps.store.get(first.circuitKey)).toMatchObject({ consecutiveFailures: 1 });
  });

  it("without forced links the walk is unchanged: the primary is called and answers", async () => {
    const fake = scriptedCall({ primary: [{ text: "Hi" }] });

    const result = await runTurn({ links: [primary, first], messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call }), forced: { linkIds: [] } });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" }, failedOver: false });
  });
});
