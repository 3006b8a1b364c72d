import { describe, expect, it } from "vitest";

import { createBuiltinToolbox } from "@/lib/failover/builtin-tools";
import { runTurn } from "@/lib/failover/run-turn";
import type { TToolbox } from "@/lib/failover/types";

import { makeDeps, makeLink, scriptedCall, USER_MESSAGE } from "./fake-provider";
import { recordingToolbox } from "./tool-fixtures";

const links = [makeLink("primary"), makeLink("backup")];
const calc = { id: "call_1", name: "calculator", arguments: '{"expression":"2*(3+4)"}' };
const clockCall = { id: "call_2", name: "current_time", arguments: "{}" };

const countingToolbox = () => recordingToolbox(["calculator", "current_time"], () => new Date("2025-01-02T03:04:05.000Z"));

describe("runTurn tool loop", () => {
  it("runs the requested tool and calls the model again with its result", async () => {
    const { tools, runs } = countingToolbox();
    const fake = scriptedCall({ primary: [{ text: "", toolCalls: [calc] }, { text: "It is 14." }] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], tools, deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" } });
    expect(runs).toEqual(["calculator"]);
    expect(fake.requestsFor("primary")[0]?.tools?.map((spec) => spec.name)).toEqual(["current_time", "calculator"]);
    expect(result.newMessages).toEqual([
      { role: "assistant", content: "", toolCalls: [calc] },
      { role: "tool", toolCallId: "call_1", toolName: "calculator", content: "14" },
      { role: "assistant", content: "It is 14." },
    ]);
    expect(result.attempts.map((attempt) => attempt.step)).toEqual([0, 1]);
  });

  it("after a mid-loop failover the backup sees the whole history and no tool runs twice", async () => {
    const { tools, runs } = countingToolbox();
    const fake = scriptedCall({
      primary: [
        { text: "", toolCalls: [calc] },
        { fail: "overloaded", status: 503 },
      ],
      backup: [{ text: "It is 14." }],
    });

    const result = await runTurn({ links, messages: [USER_MESSAGE], tools, deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" }, failedOver: true });
    expect(runs).toEqual(["calculator"]);
    expect(fake.requestsFor("backup")[0]?.messages).toEqual([
      USER_MESSAGE,
      { role: "assistant", content: "", toolCalls: [calc] },
      { role: "tool", toolCallId: "call_1", toolName: "calculator", content: "14" },
    ]);
    expect(result.newMessages.at(-1)).toEqual({ role: "assistant", content: "It is 14." });
  });

  it("a tool call id that already ran is answered from its recorded result, not executed again", async () => {
    const { tools, runs } = countingToolbox();
    const fake = scriptedCall({
      primary: [{ text: "", toolCalls: [calc] }, { fail: "stream_cut" }],
      backup: [{ text: "", toolCalls: [calc, clockCall] }, { text: "done" }],
    });

    const result = await runTurn({ links, messages: [USER_MESSAGE], tools, deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" } });
    expect(runs).toEqual(["calculator", "current_time"]);
    expect(result.newMessages.filter((message) => message.role === "tool")).toEqual([
      { role: "tool", toolCallId: "call_1", toolName: "calculator", content: "14" },
      { role: "tool", toolCallId: "call_1", toolName: "calculator", content: "14" },
      { role: "tool", toolCallId: "call_2", toolName: "current_time", content: "2025-01-02T03:04:05.000Z" },
    ]);
  });

  it("after maxToolSteps rounds the model is told to answer and its text is the answer", async () => {
    const { tools, runs } = countingToolbox();
    const again = (id: string) => ({ text: "", toolCalls: [{ ...calc, id }] });
    const fake = scriptedCall({ primary: [again("a"), again("b"), { text: "Enough.", toolCalls: [{ ...calc, id: "c" }] }] });

    const result = await runTurn({
      links,
      messages: [USER_MESSAGE],
      tools,
      maxToolSteps: 2,
      deps: makeDeps({ call: fake.call }),
    });

    expect(result).toMatchObject({ ok: true, answer: { text: "Enough." } });
    expect(runs).toHaveLength(2);
    expect(fake.requestsFor("primary")[2]?.system).toContain("You have used every tool call allowed");
    expect(result.newMessages.at(-1)).toEqual({ role: "assistant", content: "Enough." });
  });

  it("a tool that throws answers the model with the error instead of failing the turn", async () => {
    const tools: TToolbox = {
      specs: createBuiltinToolbox({ enabled: ["calculator"], clock: () => new Date() }).specs,
      execute: () => {
        throw new Error("disk on fire");
      },
    };
    const fake = scriptedCall({ primary: [{ text: "", toolCalls: [calc] }, { text: "Sorry." }] });

    const result = await runTurn({ links, messages: [USER_MESSAGE], tools, deps: makeDeps({ call: fake.call }) });

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" } });
    expect(result.newMessages[1]).toMatchObject({ role: "tool", content: "Error: the tool failed: disk on fire" });
  });
});
