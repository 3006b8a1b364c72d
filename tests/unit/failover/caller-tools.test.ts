// The API caller's own tools: offered next to the built-in ones, validated
// against their schemas, never executed, handed back in the answer.
import { describe, expect, it } from "vitest";

import { runTurn } from "@/lib/failover/run-turn";

import { answerOf, makeDeps, makeLink, scriptedCall, type TStep, USER_MESSAGE } from "./fake-provider";
import { CALC_CALL, LOOKUP_ORDER, lookupCall, recordingToolbox } from "./tool-fixtures";

const links = [makeLink("primary"), makeLink("backup")];

function run(script: Record<string, TStep[]>) {
  const fake = scriptedCall(script);
  const { tools, runs } = recordingToolbox();
  const pending = runTurn({ links, messages: [USER_MESSAGE], tools, callerTools: [LOOKUP_ORDER], deps: makeDeps({ call: fake.call }) });
  return { fake, runs, pending };
}

describe("runTurn hands the caller's tool calls back", () => {
  it("offers the caller's tools after the built-in ones, and a reply calling one ends the turn with that call", async () => {
    const call = lookupCall({ orderId: "A-17" });
    const { fake, runs, pending } = run({ primary: [{ text: "Let me look.", toolCalls: [call] }], backup: [] });
    const result = await pending;

    expect(fake.requestsFor("primary")[0]?.tools?.map((spec) => spec.name)).toEqual(["calculator", "lookup_order"]);
    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" }, failedOver: false });
    expect(answerOf(result)).toMatchObject({ toolCalls: [call], finishReason: "tool_calls" });
    expect(result.newMessages).toEqual([{ role: "assistant", content: "Let me look.", toolCalls: [call] }]);
    expect(runs).toEqual([]);
    expect(fake.requestsFor("primary")).toHaveLength(1);
  });

  it("runs the built-in calls of the same reply first and hands back only the caller's", async () => {
    const call = lookupCall({ orderId: "A-17" });
    const { fake, runs, pending } = run({ primary: [{ text: "", toolCalls: [CALC_CALL, call] }] });
    const result = await pending;

    expect(runs).toEqual(["calculator"]);
    expect(answerOf(result)).toMatchObject({ toolCalls: [call], finishReason: "tool_calls" });
    expect(result.newMessages).toEqual([
      { role: "assistant", content: "", toolCalls: [CALC_CALL, call] },
      { role: "tool", toolCallId: "call_calc", toolName: "calculator", content: "14" },
    ]);
    // Nothing is asked of the model until the caller sends the result.
    expect(fake.requests).toHaveLength(1);
  });

  it("hands back a caller's call made after a built-in round, with the round in the new messages", async () => {
    const call = lookupCall({ orderId: "A-17" });
    const { fake, runs, pending } = run({
      primary: [
        { text: "", toolCalls: [CALC_CALL] },
        { text: "", toolCalls: [call] },
      ],
    });
    const result = await pending;

    expect(runs).toEqual(["calculator"]);
    expect(answerOf(result).toolCalls).toEqual([call]);
    expect(result.newMessages).toEqual([
      { role: "assistant", content: "", toolCalls: [CALC_CALL] },
      { role: "tool", toolCallId: "call_calc", toolName: "calculator", content: "14" },
      { role: "assistant", content: "", toolCalls: [call] },
    ]);
    expect(fake.requestsFor("primary")[1]?.tools?.map((spec) => spec.name)).toEqual(["calculator", "lookup_order"]);
  });

  it("a text answer without tool calls hands nothing back", async () => {
    const { pending } = run({ primary: [{ text: "Your order shipped." }] });
    const result = await pending;

    expect(answerOf(result)).toMatchObject({ toolCalls: [], finishReason: "stop" });
    expect(result.newMessages).toEqual([{ role: "assistant", content: "Your order shipped." }]);
  });

  it("a backup of another link is offered the same caller tools and its call is handed back", async () => {
    const call = lookupCall({ orderId: "B-2" }, "call_backup");
    const { fake, pending } = run({ primary: [{ fail: "overloaded", status: 503 }], backup: [{ text: "", toolCalls: [call] }] });
    const result = await pending;

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" }, failedOver: true });
    expect(answerOf(result).toolCalls).toEqual([call]);
    const primaryTools = fake.requestsFor("primary")[0]?.tools;
    expect(fake.requestsFor("backup")[0]?.tools).toEqual(primaryTools);
    expect(primaryTools).toContainEqual(LOOKUP_ORDER);
  });
});

describe("runTurn validates tool arguments against the tool's schema", () => {
  it("schema-invalid arguments get one corrective retry carrying ajv's message, then the backup answers", async () => {
    const bad = lookupCall({ orderId: 42 });
    const { fake, pending } = run({
      primary: [
        { text: "", toolCalls: [bad] },
        { text: "", toolCalls: [bad] },
      ],
      backup: [{ text: "", toolCalls: [lookupCall({ orderId: "42" })] }],
    });
    const result = await pending;

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" }, failedOver: true });
    const problem = 'The arguments of "lookup_order" do not match its schema: /orderId must be string';
    expect(result.attempts).toMatchObject([
      { linkId: "link-primary", outcome: "bad_tool_call", message: problem },
      { linkId: "link-primary", outcome: "bad_tool_call", corrective: true, message: problem },
      { linkId: "link-backup", outcome: "ok" },
    ]);
    expect(fake.requestsFor("primary")[0]?.system).toBeUndefined();
    expect(fake.requestsFor("primary")[1]?.system).toBe(
      'Your previous tool call was not valid: the arguments of "lookup_order" do not match its schema: /orderId must be string. ' +
        "Call one of the offered tools again with arguments that match its parameters schema, or answer in text if no call is required.",
    );
    // The invalid calls never enter the history the backup sees, and the backup gets no corrective note.
    expect(fake.requestsFor("backup")[0]?.messages).toEqual([USER_MESSAGE]);
    expect(fake.requestsFor("backup")[0]?.system).toBeUndefined();
  });

  it("a reply corrected by the retry is answered on the same link: two attempts, the second corrective", async () => {
    const good = lookupCall({ orderId: "A-17" });
    const { fake, pending } = run({
      primary: [
        { text: "", toolCalls: [lookupCall({})] },
        { text: "", toolCalls: [good] },
      ],
      backup: [],
    });
    const result = await pending;

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" }, failedOver: false });
    expect(result.attempts).toMatchObject([
      {
        linkId: "link-primary",
        outcome: "bad_tool_call",
        message: `The arguments of "lookup_order" do not match its schema: must have required property 'orderId'`,
      },
      { linkId: "link-primary", outcome: "ok", corrective: true },
    ]);
    expect(result.attempts[0]?.corrective).toBeUndefined();
    expect(fake.requestsFor("primary")[1]?.system).toContain("must have required property 'orderId'");
    expect(answerOf(result).toolCalls).toEqual([good]);
    expect(result.newMessages).toEqual([{ role: "assistant", content: "", toolCalls: [good] }]);
  });

  it("a property the schema does not allow is a bad tool call", async () => {
    const { pending } = run({ primary: [{ text: "", toolCalls: [lookupCall({ orderId: "A-17", force: true })] }, { text: "I could not look it up." }] });
    const result = await pending;

    expect(result.attempts[0]).toMatchObject({ outcome: "bad_tool_call", message: expect.stringContaining("must NOT have additional properties") });
  });

  it("a built-in call that breaks its schema spoils the whole reply: the caller's call in it is not handed back", async () => {
    const { runs, pending } = run({
      primary: [{ text: "", toolCalls: [{ ...CALC_CALL, arguments: '{"expr":"1+1"}' }, lookupCall({ orderId: "A-17" })] }, { text: "Sorry." }],
    });
    const result = await pending;

    expect(result.attempts.map((attempt) => attempt.outcome)).toEqual(["bad_tool_call", "ok"]);
    expect(runs).toEqual([]);
    expect(answerOf(result).toolCalls).toEqual([]);
  });

  it("does not run a pattern: arguments a backtracking pattern would reject are handed back as they are", async () => {
    const slowPattern = {
      name: "tag",
      description: "Tags a text.",
      parameters: { type: "object", properties: { code: { type: "string", pattern: "^(a+)+$" } } },
    };
    // Against the pattern this string backtracks exponentially and then fails.
    const call = { id: "call_tag", name: "tag", arguments: JSON.stringify({ code: `${"a".repeat(26)}!` }) };
    const fake = scriptedCall({ primary: [{ text: "", toolCalls: [call] }] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], callerTools: [slowPattern], deps: makeDeps({ call: fake.call }) });

    expect(result.attempts).toMatchObject([{ outcome: "ok" }]);
    expect(answerOf(result).toolCalls).toEqual([call]);
    // The vendor still receives the schema as the caller wrote it.
    expect(fake.requestsFor("primary")[0]?.tools).toEqual([slowPattern]);
  });
});
