// Every call that returned a result records the tokens it reported, usable
// or not, so an owner sees what failover cost.
import { describe, expect, it } from "vitest";

import { runTurn } from "@/lib/failover/run-turn";

import { answerOf, makeDeps, makeLink, scriptedCall, USER_MESSAGE } from "./fake-provider";
import { CALC_CALL, recordingToolbox } from "./tool-fixtures";

const links = [makeLink("primary"), makeLink("backup")];

describe("runTurn records each attempt's usage", () => {
  it("for an unusable answer and for the answer, not for a call that threw", async () => {
    const fake = scriptedCall({
      primary: [
        { text: "", usage: { inputTokens: 30, outputTokens: 0 } },
        { fail: "overloaded", status: 503 },
      ],
      backup: [{ text: "14", usage: { inputTokens: 31, outputTokens: 2 } }],
    });

    const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call }) });

    expect(result.attempts.map((attempt) => [attempt.outcome, attempt.usage])).toEqual([
      ["empty", { inputTokens: 30, outputTokens: 0 }],
      ["overloaded", undefined],
      ["ok", { inputTokens: 31, outputTokens: 2 }],
    ]);
    expect(answerOf(result).usage).toEqual({ inputTokens: 31, outputTokens: 2 });
  });

  it("for every call of a tool loop, the answer keeping its own call's usage", async () => {
    const { tools } = recordingToolbox();
    const fake = scriptedCall({
      primary: [
        { text: "", toolCalls: [CALC_CALL], usage: { inputTokens: 50, outputTokens: 9 } },
        { text: "It is 14.", usage: { inputTokens: 70, outputTokens: 4 } },
      ],
    });

    const result = await runTurn({ links, messages: [USER_MESSAGE], tools, deps: makeDeps({ call: fake.call }) });

    expect(result.attempts.map((attempt) => attempt.usage)).toEqual([
      { inputTokens: 50, outputTokens: 9 },
      { inputTokens: 70, outputTokens: 4 },
    ]);
    expect(answerOf(result).usage).toEqual({ inputTokens: 70, outputTokens: 4 });
  });

  it("not for a skipped link", async () => {
    const fake = scriptedCall({ backup: [{ text: "A cat.", usage: { inputTokens: 900, outputTokens: 3 } }] });
    const picture = { role: "user" as const, content: "What is this?", images: [{ url: "https://example.com/cat.png" }] };

    const result = await runTurn({
      links: [makeLink("primary", { takesImages: false }), makeLink("backup")],
      messages: [picture],
      deps: makeDeps({ call: fake.call }),
    });

    expect(result.attempts[0]).not.toHaveProperty("usage");
    expect(result.attempts[1]?.usage).toEqual({ inputTokens: 900, outputTokens: 3 });
  });
});
