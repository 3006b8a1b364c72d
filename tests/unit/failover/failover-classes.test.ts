import { describe, expect, it } from "vitest";

import { runTurn } from "@/lib/failover/run-turn";
import type { TOutcomeClass } from "@/lib/providers/types";

import { makeDeps, makeLink, scriptedCall, USER_MESSAGE } from "./fake-provider";

const links = [makeLink("primary"), makeLink("backup")];

describe("runTurn failover classes", () => {
  it.each<[TOutcomeClass, number | undefined]>([
    ["rate_limited", 429],
    ["quota_exhausted", 429],
    ["overloaded", 529],
    ["server_error", 500],
    ["timeout", undefined],
    ["network", undefined],
    ["auth", 401],
    ["model_unavailable", 404],
    ["stream_cut", undefined],
  ])("a %s failure on the primary is answered by the backup", async (outcome, status) => {
    const fake = scriptedCall({ primary: [{ fail: outcome, status }], backup: [{ text: "from backup" }] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call }) });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answer.text).toBe("from backup");
    expect(result.answeredBy.linkId).toBe("link-backup");
    expect(result.failedOver).toBe(true);
    expect(result.attempts).toMatchObject([
      { linkId: "link-primary", label: "Provider primary", model: "primary", outcome },
      { linkId: "link-backup", label: "Provider backup", model: "backup", outcome: "ok" },
    ]);
    expect(result.attempts[0]?.status).toBe(status);
    expect(result.newMessages).toEqual([{ role: "assistant", content: "from backup" }]);
    expect(fake.requestsFor("backup")[0]?.messages).toEqual([USER_MESSAGE]);
  });

  it("a healthy primary answers without touching the backup", async () => {
    const fake = scriptedCall({ primary: [{ text: "from primary" }], backup: [] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" }, failedOver: false });
    expect(result.attempts).toHaveLength(1);
    expect(fake.requestsFor("backup")).toHaveLength(0);
  });

  it.each<[TOutcomeClass, number]>([
    ["bad_request", 400],
    ["content_filter", 400],
  ])("a %s failure is returned to the caller without trying the backup", async (outcome, status) => {
    const fake = scriptedCall({ primary: [{ fail: outcome, status }], backup: [{ text: "never" }] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({ ok: false, terminal: "no_failover", error: { outcome, status } });
    expect(result.attempts).toHaveLength(1);
    expect(fake.requestsFor("backup")).toHaveLength(0);
  });

  it("when every link fails the caller gets the primary's original error and every attempt", async () => {
    const chain = [makeLink("primary"), makeLink("backup"), makeLink("spare")];
    const fake = scriptedCall({
      primary: [{ fail: "overloaded", status: 529 }],
      backup: [{ fail: "rate_limited", status: 429 }],
      spare: [{ fail: "server_error", status: 502 }],
    });

    const result = await runTurn({ links: chain, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({
      ok: false,
      terminal: "all_failed",
      error: { outcome: "overloaded", status: 529, message: "fake overloaded (529)" },
    });
    expect(result.attempts.map((attempt) => [attempt.linkId, attempt.outcome, attempt.status])).toEqual([
      ["link-primary", "overloaded", 529],
      ["link-backup", "rate_limited", 429],
      ["link-spare", "server_error", 502],
    ]);
  });

  it("a provider error classified as ok is still treated as a failure", async () => {
    const fake = scriptedCall({ primary: [{ fail: "ok" }], backup: [{ text: "from backup" }] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" } });
    expect(result.attempts[0]?.outcome).toBe("server_error");
  });
});
