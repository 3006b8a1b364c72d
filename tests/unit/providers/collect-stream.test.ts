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
