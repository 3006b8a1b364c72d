// What the activity feed says about corrective retries: a reply repaired on
// the primary is an event of its own, and a failover after a retry that did
// not help says so. Turns run through the engine, then turnEvents, then
// describeEvent, as a settled turn's events do.
import { describe, expect, it } from "vitest";

import { describeEvent } from "@/lib/activity/describe-event";
import { runTurn } from "@/lib/failover/run-turn";
import type { TRunTurnInput, TTurnResult } from "@/lib/failover/types";
import { turnEvents } from "@/lib/turns/turn-events";

import { makeDeps, makeLink, scriptedCall, type TStep, USER_MESSAGE } from "./fake-provider";
import { CALC_CALL, LOOKUP_ORDER, lookupCall, recordingToolbox } from "./tool-fixtures";

const links = [makeLink("primary"), makeLink("backup")];

async function eventsOf(script: Record<string, TStep[]>, extra: Partial<TRunTurnInput> = {}) {
  const fake = scriptedCall(script);
  // A still clock: every call takes 0 ms, so the sentences are exact.
  const result = await runTurn({ links, messages: [USER_MESSAGE], callerTools: [LOOKUP_ORDER], deps: makeDeps({ call: fake.call, now: () => 0 }), ...extra });
  return { result, events: feedOf(result) };
}

function feedOf(result: TTurnResult) {
  const events = turnEvents({ result, links, turnId: "turn-1", conversationId: "conv-1", latencyMs: 120 });
  return events.map((event) => ({ ...event, sentence: describeEvent({ type: event.type, data: event.data, actorName: null, agentName: "Support" }) }));
}

describe("turnEvents and describeEvent for repaired answers", () => {
  it("a tool call repaired on the primary is an answer_repaired event with the validation error", async () => {
    const { events } = await eventsOf({
      primary: [
        { text: "", toolCalls: [lookupCall({ orderId: 7 })] },
        { text: "", toolCalls: [lookupCall({ orderId: "7" })] },
      ],
    });

    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "answer_repaired",
      severity: "info",
      credentialIds: ["cred-link-primary"],
      data: { turnId: "turn-1", conversationId: "conv-1", provider: "Provider primary", outcome: "bad_tool_call" },
      sentence:
        "Support: Provider primary repaired a tool call with one corrective retry: " +
        'The arguments of "lookup_order" do not match its schema: /orderId must be string.',
    });
  });

  it("an answer whose format was repaired says so", async () => {
    const { events } = await eventsOf({ primary: [{ text: "fourteen" }, { text: '{"n":14}' }] }, { responseFormat: { type: "json_object" } });

    expect(events.map((event) => event.sentence)).toEqual([
      "Support: Provider primary repaired its answer's format with one corrective retry: The reply is not valid JSON.",
    ]);
  });

  it("a built-in tool call repaired on the primary is reported even though the model answered after it", async () => {
    const { tools } = recordingToolbox();
    const broken = { ...CALC_CALL, arguments: '{"formula":"2*(3+4)"}' };
    const { result, events } = await eventsOf(
      { primary: [{ text: "", toolCalls: [broken] }, { text: "", toolCalls: [CALC_CALL] }, { text: "It is 14." }] },
      { tools },
    );

    expect(result.attempts.map((attempt) => [attempt.outcome, attempt.corrective ?? false])).toEqual([
      ["bad_tool_call", false],
      ["ok", true],
      ["ok", false],
    ]);
    expect(events.map((event) => event.type)).toEqual(["answer_repaired"]);
    expect(events[0]?.sentence).toContain("Provider primary repaired a tool call with one corrective retry");
  });

  it("an answer with no failure, or one from the backup, is no repair", async () => {
    const clean = await eventsOf({ primary: [{ text: "14" }] });
    const failedOver = await eventsOf({ primary: [{ fail: "overloaded", status: 503 }], backup: [{ text: "" }, { text: "14" }] });

    expect(clean.events).toEqual([]);
    expect(failedOver.events.map((event) => event.type)).toEqual(["failover"]);
  });

  it("a failover after a corrective retry that did not repair the reply is marked corrected", async () => {
    const bad = lookupCall({});
    const { events } = await eventsOf({
      primary: [
        { text: "", toolCalls: [bad] },
        { text: "", toolCalls: [bad] },
      ],
      backup: [{ text: "Which order?" }],
    });

    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "failover",
      credentialIds: ["cred-link-primary", "cred-link-backup"],
      data: { from: "Provider primary", to: "Provider backup", reason: "bad_tool_call", corrected: true },
      sentence:
        "Support: Failed over from Provider primary to Provider backup: " +
        "tool call with unusable arguments (a corrective retry did not repair it), 0 ms lost; answered in 120 ms.",
    });
  });

  it("a failover after a repaired tool round gives the failure that ended the link, not the repaired one", async () => {
    const { tools } = recordingToolbox();
    const broken = { ...CALC_CALL, arguments: '{"formula":"2*(3+4)"}' };
    const { events } = await eventsOf(
      {
        primary: [
          { text: "", toolCalls: [broken] },
          { text: "", toolCalls: [CALC_CALL] },
          { fail: "overloaded", status: 503 },
        ],
        backup: [{ text: "It is 14." }],
      },
      { tools },
    );

    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ reason: "overloaded", status: 503 });
    expect(events[0]?.data).not.toHaveProperty("corrected");
    expect(events[0]?.sentence).toBe("Support: Failed over from Provider primary to Provider backup: overloaded (503), 0 ms lost; answered in 120 ms.");
  });

  it("a failover without a corrective retry is not marked corrected", async () => {
    const { events } = await eventsOf({ primary: [{ fail: "rate_limited", status: 429 }], backup: [{ text: "14" }] });

    expect(events[0]?.data).not.toHaveProperty("corrected");
    expect(events[0]?.sentence).toBe("Support: Failed over from Provider primary to Provider backup: rate limited (429), 0 ms lost; answered in 120 ms.");
  });
});

describe("describeEvent for answer_repaired", () => {
  const sentence = (data: unknown) => describeEvent({ type: "answer_repaired", data, actorName: null, agentName: null });

  it("words an empty first reply, and a class or message it does not know", () => {
    expect(sentence({ provider: "OpenAI", outcome: "empty", message: "The reply had no text and no tool call" })).toBe(
      "OpenAI answered after an empty reply with one corrective retry: The reply had no text and no tool call.",
    );
    const unknown = sentence({ provider: "OpenAI", outcome: "something_new", message: null });
    expect(unknown).toMatch(/^OpenAI answered with one corrective retry: /);
    expect(unknown).toMatch(/: the first reply was unusable\.$/);
  });
});
