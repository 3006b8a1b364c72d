// A link that cannot be called (its key does not open, its saved provider is
// gone) is recorded as a skipped attempt, and the rest of the chain answers.
import { describe, expect, it } from "vitest";

import { runTurn } from "@/lib/failover/run-turn";

import { makeDeps, makeLink, scriptedCall, USER_MESSAGE } from "./fake-provider";

const unreadable = makeLink("primary", { unusable: { reason: "key_unreadable", message: "The key could not be opened" } });
const deleted = makeLink("middle", { unusable: { reason: "provider_deleted", message: "The saved provider was deleted after the last restart" } });

describe("runTurn with links that cannot be called", () => {
  it("skips them without calling them or recording health, and the next usable link answers", async () => {
    const fake = scriptedCall({ backup: [{ text: "Hello." }] });
    const deps = makeDeps({ call: fake.call });

    const result = await runTurn({ links: [unreadable, deleted, makeLink("backup")], messages: [USER_MESSAGE], deps });

    expect(fake.requestsFor("primary")).toHaveLength(0);
    expect(fake.requestsFor("middle")).toHaveLength(0);
    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" }, failedOver: true });
    expect(result.attempts.slice(0, 2)).toEqual([
      {
        linkId: "link-primary",
        label: "Provider primary",
        model: "primary",
        outcome: "auth",
        startedAt: expect.any(Number),
        latencyMs: 0,
        skipped: "key_unreadable",
        message: "The key could not be opened",
        step: 0,
      },
      {
        linkId: "link-middle",
        label: "Provider middle",
        model: "middle",
        outcome: "auth",
        startedAt: expect.any(Number),
        latencyMs: 0,
        skipped: "provider_deleted",
        message: "The saved provider was deleted after the last restart",
        step: 0,
      },
    ]);
    expect(await deps.store.get(unreadable.circuitKey)).toMatchObject({ state: "closed", consecutiveFailures: 0 });
  });

  it("with no usable link the turn fails with the primary's reason instead of throwing", async () => {
    const fake = scriptedCall({});

    const result = await runTurn({ links: [unreadable, deleted], messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call }) });

    expect(fake.requests).toHaveLength(0);
    expect(result).toMatchObject({ ok: false, terminal: "all_failed", error: { outcome: "auth", message: "The key could not be opened" } });
  });
});
