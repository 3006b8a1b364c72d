import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createBuiltinToolbox } from "@/lib/failover/builtin-tools";
import { runTurn } from "@/lib/failover/run-turn";
import type { TRunTurnInput } from "@/lib/failover/types";

import { makeDeps, makeLink, scriptedCall, type TStep, USER_MESSAGE } from "./fake-provider";

const links = [makeLink("primary"), makeLink("backup")];

function run(script: Record<string, TStep[]>, extra: Partial<TRunTurnInput> = {}) {
  const fake = scriptedCall(script);
  const heard: Array<{ text: string; linkId: string }> = [];
  const pending = runTurn({
    links,
    messages: [USER_MESSAGE],
    deps: makeDeps({ call: fake.call, onText: (text, link) => heard.push({ text, linkId: link.linkId }) }),
    ...extra,
  });
  return { fake, heard, pending, said: () => heard.map((h) => h.text).join("") };
}

describe("runTurn streams the answer", () => {
  it("passes each piece to the caller as it arrives, and stores exactly what was said", async () => {
    const { heard, pending } = run({ primary: [{ text: "", pieces: ["The ", "answer ", "is 14."] }] });
    const result = await pending;

    expect(heard.map((h) => h.text)).toEqual(["The ", "answer ", "is 14."]);
    expect(result).toMatchObject({ ok: true, spoken: "The answer is 14.", contributors: [{ linkId: "link-primary" }], failedOver: false });
    expect(result.attempts).toEqual([expect.objectContaining({ outcome: "ok", delivered: 3 })]);
  });

  it("says the text of a provider that did not stream it, once", async () => {
    const { said, pending } = run({ primary: [{ text: "whole answer" }] });
    await pending;
    expect(said()).toBe("whole answer");
  });

  it("fails over invisibly when the primary breaks before its first token", async () => {
    const { fake, said, pending } = run({ primary: [{ fail: "rate_limited", status: 429 }], backup: [{ text: "", pieces: ["from ", "backup"] }] });
    const result = await pending;

    expect(said()).toBe("from backup");
    expect(fake.requestsFor("backup")[0]?.continueFrom).toBeUndefined();
    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-backup" }, failedOver: true, contributors: [{ linkId: "link-backup" }] });
  });
});

describe("runTurn continues an answer that broke off", () => {
  it("asks the backup to continue from the text already sent, and the caller hears one answer", async () => {
    const { fake, heard, pending, said } = run({
      primary: [{ fail: "stream_cut", pieces: ["Once ", "upon ", "a "] }],
      backup: [{ text: "", pieces: [" time", "."] }],
    });
    const result = await pending;

    expect(fake.requestsFor("backup")[0]?.continueFrom).toBe("Once upon a ");
    // The backup's leading space is dropped: the caller already has one.
    expect(said()).toBe("Once upon a time.");
    expect(heard.at(-1)?.linkId).toBe("link-backup");
    expect(result).toMatchObject({
      ok: true,
      spoken: "Once upon a time.",
      contributors: [{ linkId: "link-primary" }, { linkId: "link-backup" }],
      failedOver: true,
    });
    expect(result.attempts).toEqual([
      expect.objectContaining({ linkId: "link-primary", outcome: "stream_cut", delivered: 3 }),
      expect.objectContaining({ linkId: "link-backup", outcome: "ok", delivered: 2, continued: true }),
    ]);
    expect(result.newMessages.at(-1)).toEqual({ role: "assistant", content: "Once upon a time." });
  });

  it("ends with an error, never a clean partial answer, when the agent says so", async () => {
    const { fake, said, pending } = run(
      { primary: [{ fail: "server_error", pieces: ["Half ", "an "] }], backup: [{ text: "never" }] },
      { onBreak: "end_with_error" },
    );
    const result = await pending;

    expect(said()).toBe("Half an ");
    expect(fake.requestsFor("backup")).toHaveLength(0);
    expect(result).toMatchObject({ ok: false, terminal: "broke_off", spoken: "Half an ", error: { outcome: "server_error" } });
    if (!result.ok) expect(result.error.message).toMatch(/^The answer broke off: /);
  });

  it("continues from the text an earlier run already sent when resuming a turn", async () => {
    const { fake, said, pending } = run({ primary: [{ text: "", pieces: ["rest."] }] }, { resume: "The start, " });
    const result = await pending;

    expect(fake.requestsFor("primary")[0]?.continueFrom).toBe("The start, ");
    expect(said()).toBe("rest.");
    expect(result).toMatchObject({ ok: true, spoken: "The start, rest." });
  });

  it("gives up with the primary's error when every link breaks, after sending what it had", async () => {
    const { pending, said } = run({
      primary: [{ fail: "stream_cut", pieces: ["a "] }],
      backup: [{ fail: "network", pieces: ["b "] }],
    });
    const result = await pending;
    expect(said()).toBe("a b ");
    expect(result).toMatchObject({ ok: false, terminal: "all_failed", error: { outcome: "stream_cut" } });
  });
});

describe("runTurn deadlines judge silence, not length", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const slow = [
    makeLink("primary", { firstTokenTimeoutMs: 1_000, stallTimeoutMs: 1_000 }),
    makeLink("backup", { firstTokenTimeoutMs: 1_000, stallTimeoutMs: 1_000 }),
  ];

  it("never cuts an answer that keeps streaming, however long it takes", async () => {
    const pieces = Array.from({ length: 20 }, (_, i) => `p${i} `);
    const { said, pending } = run({ primary: [{ text: "", pieces, gapMs: 500 }] }, { links: slow });
    await vi.advanceTimersByTimeAsync(20 * 500);
    const result = await pending;

    // 9.5 s in all, ten times the first token timeout.
    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" } });
    expect(said()).toBe(pieces.join(""));
  });

  it("a stream that stalls is continued by the backup after the stall timeout", async () => {
    const { fake, said, pending } = run({ primary: [{ hangAfter: ["one ", "two "] }], backup: [{ text: "", pieces: ["three"] }] }, { links: slow });
    await vi.advanceTimersByTimeAsync(1_000);
    const result = await pending;

    expect(fake.requestsFor("backup")[0]?.continueFrom).toBe("one two ");
    expect(said()).toBe("one two three");
    expect(result.attempts[0]).toMatchObject({ outcome: "timeout", delivered: 2, message: "The answer stalled: nothing new for 1 s" });
  });

  it("a complete answer whose finishing chunks come slowly, each within the stall timeout, is its own link's alone", async () => {
    // Finish, usage and terminator 700 ms apart: 2.1 s without new text, no gap of 1 s.
    const { fake, said, pending } = run({ primary: [{ text: "", pieces: ["The ", "end."], gapMs: 700, framesMs: [700, 700, 700] }] }, { links: slow });
    await vi.advanceTimersByTimeAsync(5 * 700);
    const result = await pending;

    expect(said()).toBe("The end.");
    expect(fake.requestsFor("backup")).toHaveLength(0);
    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" }, failedOver: false });
    expect(result.attempts).toEqual([expect.objectContaining({ outcome: "ok" })]);
  });

  it("a stream that goes quiet after its last bytes still stalls", async () => {
    const { said, pending } = run({ primary: [{ hangAfter: ["one "] }], backup: [{ text: "", pieces: ["two"] }] }, { links: slow });
    await vi.advanceTimersByTimeAsync(999);
    expect(said()).toBe("one ");
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(result.attempts[0]).toMatchObject({ outcome: "timeout", message: "The answer stalled: nothing new for 1 s" });
  });

  it("bytes without content before the first token do not hold off the first token timeout", async () => {
    // Keep-alives every 300 ms, the first text only after 1.5 s.
    const { fake, said, pending } = run(
      { primary: [{ text: "", pieces: ["late"], framesMs: [300, 300, 300, 300, 300], framesFirst: true }], backup: [{ text: "", pieces: ["backup"] }] },
      { links: slow },
    );
    await vi.advanceTimersByTimeAsync(1_500);
    const result = await pending;

    expect(fake.requestsFor("backup")).toHaveLength(1);
    expect(said()).toBe("backup");
    expect(result.attempts[0]).toMatchObject({ outcome: "timeout", message: "No first token within 1 s" });
  });

  it("a silent primary times out on its first token timeout", async () => {
    const { pending } = run({ primary: ["hang"], backup: [{ text: "ok" }] }, { links: slow });
    await vi.advanceTimersByTimeAsync(1_000);
    const result = await pending;
    expect(result.attempts[0]).toMatchObject({ outcome: "timeout", message: "No first token within 1 s" });
  });
});

describe("runTurn streams around built-in tool rounds", () => {
  it("streams the text before a tool call, then the answer after the result, set apart", async () => {
    const toolCall = { id: "call_1", name: "current_time", arguments: "{}" };
    const tools = createBuiltinToolbox({ enabled: ["current_time"], clock: () => new Date("2026-11-29T12:00:00Z") });
    const { said, pending } = run(
      {
        primary: [
          { text: "", pieces: ["Let me check."], toolCalls: [toolCall] },
          { text: "", pieces: ["It is noon."] },
        ],
      },
      { tools },
    );
    const result = await pending;

    expect(said()).toBe("Let me check.\n\nIt is noon.");
    expect(result).toMatchObject({ ok: true, spoken: "Let me check.\n\nIt is noon." });
  });
});
