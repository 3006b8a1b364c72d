import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";

import { collectStream, StreamFailure } from "@/lib/providers/collect-stream";

const usage: LanguageModelV4Usage = {
  inputTokens: { total: 7, noCache: 7, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 4, text: 4, reasoning: 0 },
};
const finish = (unified: string, raw?: string): LanguageModelV4StreamPart =>
  ({ type: "finish", usage, finishReason: { unified, raw } }) as LanguageModelV4StreamPart;

function streamOf(parts: LanguageModelV4StreamPart[]): ReadableStream<LanguageModelV4StreamPart> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

async function failureOf(parts: LanguageModelV4StreamPart[]): Promise<StreamFailure> {
  const error = await collectStream(streamOf(parts)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StreamFailure);
  return error as StreamFailure;
}

describe("collectStream", () => {
  it("joins text deltas and reads usage and the finish reason", async () => {
    const result = await collectStream(
      streamOf([
        { type: "stream-start", warnings: [] },
        { type: "text-start", id: "0" },
        { type: "text-delta", id: "0", delta: "Hello " },
        { type: "text-delta", id: "0", delta: "world" },
        { type: "text-end", id: "0" },
        finish("stop", "end_turn"),
      ]),
    );
    expect(result).toEqual({ text: "Hello world", toolCalls: [], finishReason: "stop", usage: { inputTokens: 7, outputTokens: 4 } });
  });

  it("keeps tool-call arguments as the raw text, even when not JSON", async () => {
    const result = await collectStream(
      streamOf([{ type: "tool-call", toolCallId: "call_1", toolName: "calculator", input: '{"expression": "2 +' }, finish("tool-calls", "tool_calls")]),
    );
    expect(result.toolCalls).toEqual([{ id: "call_1", name: "calculator", arguments: '{"expression": "2 +' }]);
    expect(result.finishReason).toBe("tool_calls");
  });

  it("ignores tools the provider ran itself", async () => {
    const result = await collectStream(
      streamOf([{ type: "tool-call", toolCallId: "s1", toolName: "web_search", input: "{}", providerExecuted: true }, finish("stop", "end_turn")]),
    );
    expect(result.toolCalls).toEqual([]);
  });

  it("reads Gemini's MALFORMED_FUNCTION_CALL as a tool-call turn", async () => {
    const result = await collectStream(streamOf([finish("error", "MALFORMED_FUNCTION_CALL")]));
    expect(result.finishReason).toBe("tool_calls");
  });

  it.each([
    ["no finish part", [{ type: "text-delta", id: "0", delta: "Hel" }]],
    ["an interrupted finish", [{ type: "text-delta", id: "0", delta: "Hel" }, finish("interrupted")]],
    ["an error finish without a raw reason", [finish("error")]],
  ] as Array<[string, LanguageModelV4StreamPart[]]>)("reports a cut stream for %s", async (_name, parts) => {
    expect((await failureOf(parts)).kind).toBe("cut");
  });

  it("stops at a vendor error event and hands it over", async () => {
    const event = { type: "overloaded_error", message: "Overloaded", statusCode: 529 };
    const failure = await failureOf([{ type: "error", error: event }, { type: "text-delta", id: "0", delta: "never read" }, finish("stop", "end_turn")]);
    expect(failure.kind).toBe("vendor_error");
    expect(failure.detail).toBe(event);
  });

  it("reports an SDK parse error in a finished stream as unreadable", async () => {
    const failure = await failureOf([{ type: "error", error: new Error("Type validation failed") }, finish("stop", "stop")]);
    expect(failure.kind).toBe("unreadable");
  });
});

describe("collectStream's byte cap", () => {
  // A provider that never finishes: deltas for as long as anyone reads. Each
  // waits a turn of the event loop, as network reads do, so a missing cap
  // fails by the test's timeout instead of spinning for ever.
  function endless(part: (i: number) => LanguageModelV4StreamPart): { stream: ReadableStream<LanguageModelV4StreamPart>; cancelled: () => boolean } {
    let i = 0;
    let cancelled = false;
    const stream = new ReadableStream<LanguageModelV4StreamPart>({
      async pull(controller) {
        await new Promise((resolve) => setImmediate(resolve));
        controller.enqueue(part(i++));
      },
      cancel() {
        cancelled = true;
      },
    });
    return { stream, cancelled: () => cancelled };
  }

  it("cuts an answer that streams past maxBytes, cancels the stream and says how far it went", async () => {
    const provider = endless(() => ({ type: "text-delta", id: "0", delta: "x".repeat(1000) }));
    const delivered: string[] = [];
    const error = await collectStream(provider.stream, { maxBytes: 256 * 1024, onText: (text) => delivered.push(text) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamFailure);
    expect(error).toMatchObject({ kind: "too_large", message: "The answer passed 0.25 MB and was cut" });
    expect(provider.cancelled()).toBe(true);
    // The piece that passed the cap is not handed on.
    expect(delivered.join("").length).toBeLessThanOrEqual(256 * 1024);
  });

  it("counts tool arguments and reasoning as well as text", async () => {
    for (const part of [
      (): LanguageModelV4StreamPart => ({ type: "tool-input-delta", id: "call_1", delta: "y".repeat(500) }),
      (): LanguageModelV4StreamPart => ({ type: "reasoning-delta", id: "r", delta: "z".repeat(500) }),
    ]) {
      const error = await collectStream(endless(part).stream, { maxBytes: 10_000 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "too_large" });
    }
  });

  it("counts bytes, not characters, and lets an answer of exactly maxBytes through", async () => {
    const delta = (text: string): LanguageModelV4StreamPart => ({ type: "text-delta", id: "0", delta: text });
    const exact = await collectStream(streamOf([delta("é".repeat(5)), finish("stop", "stop")]), { maxBytes: 10 });
    expect(exact.text).toBe("ééééé");
    await expect(collectStream(streamOf([delta("é".repeat(6)), finish("stop", "stop")]), { maxBytes: 10 })).rejects.toMatchObject({ kind: "too_large" });
  });
});
