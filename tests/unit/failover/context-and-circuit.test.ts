import { describe, expect, it } from "vitest";

import { createMemoryCircuitStore } from "@/lib/failover/memory-circuit-store";
import { runTurn } from "@/lib/failover/run-turn";

import { makeDeps, makeLink, scriptedCall, USER_MESSAGE } from "./fake-provider";

describe("runTurn context_length", () => {
  it("a context_length failure skips links whose window is not larger and goes to a larger one", async () => {
    const links = [
      makeLink("small", { contextWindow: 8_000 }),
      makeLink("same", { contextWindow: 8_000 }),
      makeLink("smaller", { contextWindow: 4_000 }),
      makeLink("large", { contextWindow: 200_000 }),
    ];
    const fake = scriptedCall({ small: [{ fail: "context_length", status: 400 }], large: [{ text: "fits" }] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-large" } });
    expect(result.attempts).toMatchObject([
      { linkId: "link-small", outcome: "context_length" },
      { linkId: "link-same", skipped: "context_window" },
      { linkId: "link-smaller", skipped: "context_window" },
      { linkId: "link-large", outcome: "ok" },
    ]);
    expect(fake.requests.map((req) => req.model)).toEqual(["small", "large"]);
  });

  it("a context_length failure with no larger link is returned without trying the backups", async () => {
    const links = [makeLink("big", { contextWindow: 200_000 }), makeLink("small", { contextWindow: 8_000 })];
    const fake = scriptedCall({ big: [{ fail: "context_length", status: 400 }], small: [{ text: "never" }] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({ ok: false, terminal: "no_failover", error: { outcome: "context_length" } });
    expect(fake.requestsFor("small")).toHaveLength(0);
  });
});

describe("runTurn circuits", () => {
  const links = [makeLink("primary"), makeLink("backup")];

  it("a link whose circuit is open is skipped and recorded as skipped", async () => {
    const store = createMemoryCircuitStore();
    await store.recordFailure({ key: "circuit-primary", outcome: "auth", status: 401, now: Date.now() });
    const fake = scriptedCall({ primary: [{ text: "never" }], backup: [{ text: "from backup" }] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call, store }) });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" }, failedOver: true });
    expect(result.attempts[0]).toMatchObject({
      linkId: "link-primary",
      skipped: "circuit_open",
      outcome: "auth",
      status: 401,
      latencyMs: 0,
    });
    expect(fake.requestsFor("primary")).toHaveLength(0);
  });

  it("the last link is called even when its circuit is open", async () => {
    const store = createMemoryCircuitStore();
    const now = Date.now();
    for (const key of ["circuit-primary", "circuit-backup"]) {
      await store.recordFailure({ key, outcome: "quota_exhausted", status: 429, now });
    }
    const fake = scriptedCall({ backup: [{ text: "last hope" }] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call, store }) });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" } });
    expect(result.attempts.map((attempt) => attempt.skipped)).toEqual(["circuit_open", undefined]);
    expect(result.events).toMatchObject([{ type: "recovered", circuitKey: "circuit-backup", linkId: "link-backup" }]);
  });

  it("the third consecutive failure opens the primary's circuit and the turn reports it degraded", async () => {
    const store = createMemoryCircuitStore();
    const turns = [];
    for (let turn = 0; turn < 3; turn += 1) {
      const fake = scriptedCall({ primary: [{ fail: "server_error", status: 500 }], backup: [{ text: "ok" }] });
      turns.push(await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call, store }) }));
    }

    expect(turns.map((result) => result.events.length)).toEqual([0, 0, 1]);
    expect(turns[2]?.events[0]).toMatchObject({
      type: "degraded",
      circuitKey: "circuit-primary",
      linkId: "link-primary",
      label: "Provider primary",
      cause: { outcome: "server_error", status: 500 },
    });
    expect((await store.get("circuit-primary")).state).toBe("open");
  });

  it("an auth failure reports the provider degraded and needing attention in the same turn", async () => {
    const fake = scriptedCall({ primary: [{ fail: "auth", status: 401 }], backup: [{ text: "ok" }] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call }) });

    expect(result.events.map((event) => [event.type, event.linkId])).toEqual([
      ["degraded", "link-primary"],
      ["needs_attention", "link-primary"],
    ]);
  });

  it("after the cooldown the primary gets the probe and a success reports it recovered", async () => {
    const store = createMemoryCircuitStore();
    const openedAt = Date.now() - 31_000;
    await store.recordFailure({ key: "circuit-primary", outcome: "auth", status: 401, now: openedAt });
    const fake = scriptedCall({ primary: [{ text: "back" }] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call, store }) });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" }, failedOver: false });
    expect(result.events).toMatchObject([{ type: "recovered", circuitKey: "circuit-primary" }]);
    expect(await store.get("circuit-primary")).toMatchObject({ state: "closed", needsAttention: false });
  });

  it("a bad_request does not touch provider health", async () => {
    const store = createMemoryCircuitStore();
    const fake = scriptedCall({ primary: [{ fail: "bad_request", status: 400 }] });

    await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call, store }) });

    expect((await store.get("circuit-primary")).consecutiveFailures).toBe(0);
  });

  it("an unreachable circuit store does not fail the turn and is reported", async () => {
    const store = createMemoryCircuitStore();
    const broken = { ...store, get: () => Promise.reject(new Error("redis down")) };
    const fake = scriptedCall({ primary: [{ text: "still answers" }] });
    const errors: unknown[] = [];

    const result = await runTurn({
      links,
      messages: [USER_MESSAGE],
      deps: { ...makeDeps({ call: fake.call, store: broken }), onStoreError: (error) => errors.push(error) },
    });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" } });
    expect(errors).toHaveLength(1);
  });
});
