import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { attemptCapMs, DEFAULT_BUDGET_PARAMS } from "@/lib/failover/budget";
import { createMemoryCircuitStore } from "@/lib/failover/memory-circuit-store";
import { runTurn } from "@/lib/failover/run-turn";

import { makeDeps, makeLink, scriptedCall, USER_MESSAGE } from "./fake-provider";

describe("attemptCapMs", () => {
  const params = { ...DEFAULT_BUDGET_PARAMS, reserveFloorMs: 15_000 };

  it("lets a link stream for whatever the budget leaves after the later links' reserve", () => {
    expect(attemptCapMs({ firstTokenTimeoutsMs: [30_000, 30_000], index: 0, remainingMs: 600_000, params })).toBe(585_000);
  });

  it("keeps min(first token timeout, floor) in reserve for every later link", () => {
    const firstTokenTimeoutsMs = [60_000, 30_000, 10_000];
    // 70 s left, reserve 15 s + 10 s: the primary may run 45 s in all.
    expect(attemptCapMs({ firstTokenTimeoutsMs, index: 0, remainingMs: 70_000, params })).toBe(45_000);
  });

  it("lets the last link use everything that is left", () => {
    expect(attemptCapMs({ firstTokenTimeoutsMs: [30_000, 30_000], index: 1, remainingMs: 20_000, params })).toBe(20_000);
  });

  it("never returns a negative cap", () => {
    expect(attemptCapMs({ firstTokenTimeoutsMs: [30_000, 30_000], index: 0, remainingMs: 5_000, params })).toBe(0);
  });
});

describe("runTurn time budget", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const links = [makeLink("primary", { firstTokenTimeoutMs: 10_000 }), makeLink("backup", { firstTokenTimeoutMs: 10_000 })];
  const budget = { turnMs: 12_000, reserveFloorMs: 5_000, minAttemptMs: 100 };

  it("a hung primary is aborted before the turn budget runs out so the backup still gets its time", async () => {
    const fake = scriptedCall({ primary: ["hang"], backup: [{ text: "from backup" }] });
    const store = createMemoryCircuitStore();

    const pending = runTurn({ links, messages: [USER_MESSAGE], budget, deps: makeDeps({ call: fake.call, store }) });
    await vi.advanceTimersByTimeAsync(7_000);
    const result = await pending;

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" } });
    const [primaryRequest] = fake.requestsFor("primary");
    expect(primaryRequest?.timeoutMs).toBe(7_000);
    expect(primaryRequest?.signal?.aborted).toBe(true);
    expect(result.attempts[0]).toMatchObject({ linkId: "link-primary", outcome: "timeout", latencyMs: 7_000 });
    expect(fake.requestsFor("backup")[0]?.timeoutMs).toBe(5_000);
  });

  it("a timeout imposed by the turn budget does not count against the provider's health", async () => {
    const fake = scriptedCall({ primary: ["hang"], backup: [{ text: "from backup" }] });
    const store = createMemoryCircuitStore();

    const pending = runTurn({ links, messages: [USER_MESSAGE], budget, deps: makeDeps({ call: fake.call, store }) });
    await vi.advanceTimersByTimeAsync(7_000);
    await pending;

    expect((await store.get("circuit-primary")).consecutiveFailures).toBe(0);
  });

  it("a link's own timeout counts against its health", async () => {
    const fake = scriptedCall({ primary: ["hang"], backup: [{ text: "from backup" }] });
    const store = createMemoryCircuitStore();
    const roomy = { ...budget, turnMs: 60_000 };

    const pending = runTurn({ links, messages: [USER_MESSAGE], budget: roomy, deps: makeDeps({ call: fake.call, store }) });
    await vi.advanceTimersByTimeAsync(10_000);
    const result = await pending;

    expect(result.attempts[0]).toMatchObject({ outcome: "timeout" });
    expect((await store.get("circuit-primary")).consecutiveFailures).toBe(1);
  });

  it("a backup left with less than the minimum attempt time is skipped for lack of budget", async () => {
    const fake = scriptedCall({ primary: ["hang"], backup: [{ text: "never" }] });
    const tight = { turnMs: 12_000, reserveFloorMs: 1_000, minAttemptMs: 3_000 };

    const pending = runTurn({ links, messages: [USER_MESSAGE], budget: tight, deps: makeDeps({ call: fake.call }) });
    await vi.advanceTimersByTimeAsync(10_000);
    const result = await pending;

    expect(result).toMatchObject({ ok: false, terminal: "all_failed", error: { outcome: "timeout" } });
    expect(result.attempts).toMatchObject([
      { linkId: "link-primary", outcome: "timeout" },
      { linkId: "link-backup", outcome: "timeout", skipped: "no_budget" },
    ]);
    expect(fake.requestsFor("backup")).toHaveLength(0);
  });
});
