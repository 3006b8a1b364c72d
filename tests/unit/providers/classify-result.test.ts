import { describe, expect, it } from "vitest";

import { classifyResult } from "@/lib/providers/error-map";
import type { TChatResult, TToolCall } from "@/lib/providers/types";

const result = (over: Partial<TChatResult>): TChatResult => ({
  text: "",
  toolCalls: [],
  finishReason: "stop",
  usage: { inputTokens: 3, outputTokens: 5 },
  latencyMs: 12,
  ...over,
});
const call = (args: string, name = "calculator"): TToolCall => ({ id: "call_1", name, arguments: args });

describe("classifyResult", () => {
  it("accepts a text answer", () => {
    expect(classifyResult(result({ text: "Hello" }), false)).toBe("ok");
  });

  it("calls an answer with no text and no tool call empty", () => {
    expect(classifyResult(result({ text: "" }), true)).toBe("empty");
  });

  it("calls a whitespace-only answer empty", () => {
    expect(classifyResult(result({ text: " \n\t" }), false)).toBe("empty");
  });

  it("calls a tool-call finish without any call empty, even with some text", () => {
    expect(classifyResult(result({ text: "Let me check.", finishReason: "tool_calls" }), true)).toBe("empty");
  });

  it("accepts a tool call whose arguments are a JSON object", () => {
    expect(classifyResult(result({ toolCalls: [call('{"expression":"2+2"}')], finishReason: "tool_calls" }), true)).toBe("ok");
  });

  it("accepts a tool call with empty object arguments", () => {
    expect(classifyResult(result({ toolCalls: [call("{}", "current_time")], finishReason: "tool_calls" }), true)).toBe("ok");
  });

  it.each([
    ["truncated JSON", '{"expression": "2 + '],
    ["a JSON array", "[1,2]"],
    ["a JSON string", '"2+2"'],
    ["JSON null", "null"],
    ["no text at all", ""],
  ])("rejects arguments that are %s", (_name, args) => {
    expect(classifyResult(result({ toolCalls: [call(args)], finishReason: "tool_calls" }), true)).toBe("bad_tool_call");
  });

  it("rejects the whole answer when one of several calls is broken", () => {
    const toolCalls = [call('{"expression":"1"}'), { ...call("{oops"), id: "call_2" }];
    expect(classifyResult(result({ toolCalls, finishReason: "tool_calls" }), true)).toBe("bad_tool_call");
  });

  it("rejects a tool call when no tools were offered", () => {
    expect(classifyResult(result({ toolCalls: [call('{"expression":"1"}')], finishReason: "tool_calls" }), false)).toBe("bad_tool_call");
  });

  it("rejects a tool call without a name", () => {
    expect(classifyResult(result({ toolCalls: [call("{}", "")], finishReason: "tool_calls" }), true)).toBe("bad_tool_call");
  });
});
