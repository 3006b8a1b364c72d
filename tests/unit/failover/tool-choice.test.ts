// The caller's tool_choice binds the turn's first call only, and is
// enforced; sampling and response format go with every call.
import { describe, expect, it } from "vitest";

import { runTurn } from "@/lib/failover/run-turn";
import type { TRunTurnInput } from "@/lib/failover/types";
import type { TSampling } from "@/lib/providers/types";

import { answerOf, makeDeps, makeLink, scriptedCall, type TStep, USER_MESSAGE } from "./fake-provider";
import { CALC_CALL, LOOKUP_ORDER, lookupCall, recordingToolbox } from "./tool-fixtures";

const links = [makeLink("primary"), makeLink("backup")];
const sampling: TSampling = { temperature: 0.2, topP: 0.9, maxTokens: 300, stop: ["END"], seed: 7, user: "user-1", parallelToolCalls: false };

function run(script: Record<string, TStep[]>, extra: Partial<TRunTurnInput> = {}) {
  const fake = scriptedCall(script);
  const { tools, runs } = recordingToolbox();
  const pending = runTurn({ links, messages: [USER_MESSAGE], tools, callerTools: [LOOKUP_ORDER], deps: makeDeps({ call: fake.call }), ...extra });
  return { fake, runs, pending };
}

describe("runTurn enforces tool_choice", () => {
  it('a text-only reply to tool_choice "required" is a bad tool call, retried once with the reason', async () => {
    const { fake, pending } = run(
      { primary: [{ text: "Sure." }, { text: "", toolCalls: [lookupCall({ orderId: "A-17" })] }] },
      { toolChoice: { type: "required" } },
    );
    const result = await pending;

    expect(result.attempts).toMatchObject([
      { outcome: "bad_tool_call", message: 'tool_choice "required" asked for a tool call and the reply had none' },
      { outcome: "ok", corrective: true },
    ]);
    // Still the turn's first call, so the retry is bound by the choice too.
    expect(fake.requestsFor("primary").map((req) => req.toolChoice)).toEqual([{ type: "required" }, { type: "required" }]);
    expect(fake.requestsFor("primary")[1]?.system).toContain('tool_choice "required" asked for a tool call and the reply had none');
    expect(answerOf(result).toolCalls).toHaveLength(1);
  });

  it("a reply that twice ignores tool_choice fails over, and the backup is bound by the choice too", async () => {
    const { fake, pending } = run(
      { primary: [{ text: "Sure." }, { text: "Really sure." }], backup: [{ text: "", toolCalls: [lookupCall({ orderId: "A-17" })] }] },
      { toolChoice: { type: "required" } },
    );
    const result = await pending;

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" } });
    expect(result.attempts.map((attempt) => attempt.outcome)).toEqual(["bad_tool_call", "bad_tool_call", "ok"]);
    expect(fake.requestsFor("backup")[0]?.toolChoice).toEqual({ type: "required" });
  });

  it("a reply that calls another tool than the one tool_choice names is a bad tool call", async () => {
    const { runs, pending } = run(
      {
        primary: [
          { text: "", toolCalls: [CALC_CALL] },
          { text: "", toolCalls: [lookupCall({ orderId: "A-17" })] },
        ],
      },
      { toolChoice: { type: "tool", toolName: "lookup_order" } },
    );
    const result = await pending;

    expect(result.attempts).toMatchObject([
      { outcome: "bad_tool_call", message: 'tool_choice named "lookup_order" and the reply did not call it' },
      { outcome: "ok", corrective: true },
    ]);
    // The refused reply's built-in call never ran.
    expect(runs).toEqual([]);
    expect(answerOf(result).toolCalls.map((call) => call.name)).toEqual(["lookup_order"]);
  });

  it("is sent with the first call only: after a built-in round the model chooses freely and may answer in text", async () => {
    const { fake, runs, pending } = run(
      { primary: [{ text: "", toolCalls: [CALC_CALL] }, { text: "It is 14." }] },
      { toolChoice: { type: "required" }, sampling },
    );
    const result = await pending;

    expect(runs).toEqual(["calculator"]);
    expect(result.attempts.map((attempt) => attempt.outcome)).toEqual(["ok", "ok"]);
    const [first, second] = fake.requestsFor("primary");
    expect(first?.toolChoice).toEqual({ type: "required" });
    expect(second).not.toHaveProperty("toolChoice");
    expect(answerOf(result).text).toBe("It is 14.");
  });

  it("is not sent when no tool is offered", async () => {
    const fake = scriptedCall({ primary: [{ text: "Hello." }] });
    await runTurn({ links, messages: [USER_MESSAGE], toolChoice: { type: "required" }, deps: makeDeps({ call: fake.call }) });

    expect(fake.requestsFor("primary")[0]).not.toHaveProperty("toolChoice");
    expect(fake.requestsFor("primary")[0]?.tools).toBeUndefined();
  });
});

describe("runTurn passes the caller's sampling and response format", () => {
  it("with every call: the first, a corrective retry, a call after a tool round and the backup's", async () => {
    const responseFormat = { type: "json_object" } as const;
    const { fake, pending } = run(
      { primary: [{ text: "", toolCalls: [CALC_CALL] }, { text: "not json" }, { text: "still not json" }], backup: [{ text: '{"answer":14}' }] },
      { sampling, responseFormat },
    );
    const result = await pending;

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" } });
    expect(fake.requests).toHaveLength(4);
    for (const req of fake.requests) expect(req).toMatchObject({ sampling, responseFormat });
  });

  it("sends neither when the caller set none", async () => {
    const { fake, pending } = run({ primary: [{ text: "Hello." }] });
    await pending;

    expect(fake.requests[0]).not.toHaveProperty("sampling");
    expect(fake.requests[0]).not.toHaveProperty("responseFormat");
  });
});
