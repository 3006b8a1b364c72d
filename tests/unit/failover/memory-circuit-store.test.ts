import { describe, expect, it } from "vitest";

import { createMemoryCircuitStore } from "@/lib/failover/memory-circuit-store";

describe("memory circuit store", () => {
  it("lists open circuits until a success closes them", async () => {
    const store = createMemoryCircuitStore({ failureThreshold: 1 });
    await store.recordFailure({ key: "a", outcome: "overloaded", status: 529, now: 0 });
    await store.recordFailure({ key: "b", outcome: "bad_request", status: 400, now: 0 });
    expect((await store.listOpen()).map((open) => open.key)).toEqual(["a"]);

    expect(await store.acquireProbe("a", 30_000)).toBe(true);
    expect(await store.acquireProbe("a", 30_000)).toBe(false);
    expect(await store.recordSuccess("a", 30_100)).toEqual([{ type: "recovered", at: 30_100 }]);
    expect(await store.listOpen()).toEqual([]);
  });

  it("reset forgets a circuit", async () => {
    const store = createMemoryCircuitStore();
    await store.recordFailure({ key: "a", outcome: "auth", now: 0 });
    await store.reset("a");
    expect(await store.get("a")).toMatchObject({ state: "closed", consecutiveFailures: 0, needsAttention: false });
  });
});
