import { describe, expect, it } from "vitest";

import { createBuiltinToolbox } from "@/lib/failover/builtin-tools";
import { runTurn } from "@/lib/failover/run-turn";

import { makeDeps, makeLink, scriptedCall, USER_MESSAGE } from "./fake-provider";

const links = [makeLink("primary"), makeLink("backup")];
const tools = createBuiltinToolbox({ enabled: ["calculator"], clock: () => new Date(0) });
const badCall = { id: "call_bad", name: "calculator", arguments: '{"expression": "2*(3+4)"' };

describe("runTurn corrective retry", () => {
  it("an empty answer is retried once on the same link with a corrective instruction, then the backup answers", async () => {
    const fake = scriptedCall({ primary: [{ text: "" }, { text: " " }], backup: [{ text: "from backup" }] });

    const result = await runTurn({
      links,
      system: "Be brief.",
      messages: [USER_MESSAGE],
      deps: makeDeps({ call: fake.call }),
    });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" } });
    expect(result.attempts).toMatchObject([
      { linkId: "link-primary", outcome: "empty" },
      { linkId: "link-primary", outcome: "empty", corrective: true },
      { linkId: "link-backup", outcome: "ok" },
    ]);
    const [first, retry] = fake.requestsFor("primary");
    expect(first?.system).toBe("Be brief.");
    expect(retry?.system).toContain("Be brief.");
    expect(retry?.system).toContain("Your previous reply was empty. Answer the user's last message.");
    expect(fake.requestsFor("backup")[0]?.system).toBe("Be brief.");
  });

  it("a corrective retry that succeeds answers from the same link without failover", async () => {
    const fake = scriptedCall({ primary: [{ text: "" }, { text: "second try" }], backup: [] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" }, failedOver: false });
    expect(result.newMessages).toEqual([{ role: "assistant", content: "second try" }]);
    expect(fake.requestsFor("backup")).toHaveLength(0);
  });

  it("tool arguments that are not JSON get a corrective retry, then the backup answers", async () => {
    const fake = scriptedCall({
      primary: [
        { text: "", toolCalls: [badCall] },
        { text: "", toolCalls: [badCall] },
      ],
      backup: [{ text: "14" }],
    });

    const result = await runTurn({ links, messages: [USER_MESSAGE], tools, deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" } });
    expect(result.attempts).toMatchObject([
      { linkId: "link-primary", outcome: "bad_tool_call" },
      { linkId: "link-primary", outcome: "bad_tool_call", corrective: true },
      { linkId: "link-backup", outcome: "ok" },
    ]);
    expect(fake.requestsFor("primary")[1]?.system).toContain('the arguments of "calculator" are not a JSON object');
    // The unusable replies never enter the history the backup sees.
    expect(fake.requestsFor("backup")[0]?.messages).toEqual([USER_MESSAGE]);
  });

  it("a call to a tool that is not offered counts as a bad tool call", async () => {
    const unknown = { id: "call_x", name: "delete_everything", arguments: "{}" };
    const fake = scriptedCall({ primary: [{ text: "", toolCalls: [unknown] }, { text: "fine" }], backup: [] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], tools, deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" } });
    expect(result.attempts.map((attempt) => attempt.outcome)).toEqual(["bad_tool_call", "ok"]);
  });

  it("when every link fails after an empty answer the primary's original error is the empty answer", async () => {
    const fake = scriptedCall({ primary: [{ text: "" }, { fail: "overloaded", status: 503 }], backup: [{ fail: "timeout" }] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({ ok: false, terminal: "all_failed", error: { outcome: "empty" } });
    expect(result.attempts.map((attempt) => attempt.outcome)).toEqual(["empty", "overloaded", "timeout"]);
  });
});
