import { describe, expect, it } from "vitest";

import { toPrompt, toTools, wireToolCallId } from "@/lib/providers/to-prompt";
import type { TMessage, TVendor } from "@/lib/providers/types";

const history: TMessage[] = [
  { role: "user", content: "What is 6*7 and what time is it?" },
  {
    role: "assistant",
    content: "Let me check.",
    toolCalls: [
      { id: "call_abc", name: "calculator", arguments: '{"expression":"6*7"}' },
      { id: "call_def", name: "current_time", arguments: "{}" },
    ],
  },
  { role: "tool", toolCallId: "call_abc", toolName: "calculator", content: "42" },
  { role: "tool", toolCallId: "call_def", toolName: "current_time", content: "12:00" },
  { role: "assistant", content: "6*7 is 42 and it is noon." },
  { role: "user", content: "Thanks" },
];

describe("toPrompt", () => {
  it.each(["openai", "anthropic", "google", "openrouter", "openai_compatible"] as TVendor[])(
    "translates a conversation with tool calls and results for %s",
    (vendor) => {
      expect(toPrompt({ vendor, system: "Be brief.", messages: history })).toEqual([
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "What is 6*7 and what time is it?" }] },
        {
          role: "assistant",
          content: [
            { type: "text", text: "Let me check." },
            { type: "tool-call", toolCallId: "call_abc", toolName: "calculator", input: { expression: "6*7" } },
            { type: "tool-call", toolCallId: "call_def", toolName: "current_time", input: {} },
          ],
        },
        {
          role: "tool",
          content: [
            { type: "tool-result", toolCallId: "call_abc", toolName: "calculator", output: { type: "text", value: "42" } },
            { type: "tool-result", toolCallId: "call_def", toolName: "current_time", output: { type: "text", value: "12:00" } },
          ],
        },
        { role: "assistant", content: [{ type: "text", text: "6*7 is 42 and it is noon." }] },
        { role: "user", content: [{ type: "text", text: "Thanks" }] },
      ]);
    },
  );

  it("omits the system message when there is none", () => {
    expect(toPrompt({ vendor: "openai", messages: [{ role: "user", content: "hi" }] })).toEqual([{ role: "user", content: [{ type: "text", text: "hi" }] }]);
  });

  it("sends only the calls of an assistant turn that had no text", () => {
    const [, assistant] = toPrompt({
      vendor: "anthropic",
      messages: [
        { role: "user", content: "calculate 1+1" },
        { role: "assistant", content: "", toolCalls: [{ id: "toolu_1", name: "calculator", arguments: '{"expression":"1+1"}' }] },
      ],
    });
    expect(assistant).toEqual({
      role: "assistant",
      content: [{ type: "tool-call", toolCallId: "toolu_1", toolName: "calculator", input: { expression: "1+1" } }],
    });
  });

  it("drops an assistant turn with neither text nor calls", () => {
    const prompt = toPrompt({
      vendor: "anthropic",
      messages: [
        { role: "user", content: "a" },
        { role: "assistant", content: "" },
        { role: "user", content: "b" },
      ],
    });
    expect(prompt.map((m) => m.role)).toEqual(["user", "user"]);
  });

  it("replays arguments that never parsed as an empty object", () => {
    const [, assistant] = toPrompt({
      vendor: "openai",
      messages: [
        { role: "user", content: "x" },
        { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "calculator", arguments: '{"expression": "2 +' }] },
      ],
    });
    expect(assistant?.content).toEqual([{ type: "tool-call", toolCallId: "c1", toolName: "calculator", input: {} }]);
  });

  it("rewrites ids the target vendor would reject, identically on call and result", () => {
    const id = "call:weird/id.with.dots";
    const prompt = toPrompt({
      vendor: "anthropic",
      messages: [
        { role: "user", content: "x" },
        { role: "assistant", content: "", toolCalls: [{ id, name: "calculator", arguments: "{}" }] },
        { role: "tool", toolCallId: id, toolName: "calculator", content: "1" },
      ],
    });
    const callId = (prompt[1]?.content[0] as { toolCallId: string }).toolCallId;
    const resultId = (prompt[2]?.content[0] as { toolCallId: string }).toolCallId;
    expect(callId).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(resultId).toBe(callId);
  });
});

describe("wireToolCallId", () => {
  const long = `call_${"x".repeat(60)}`;

  it("keeps ids every vendor accepts", () => {
    for (const vendor of ["openai", "anthropic", "google", "openrouter", "openai_compatible"] as TVendor[]) {
      expect(wireToolCallId("call_AbC123", vendor)).toBe("call_AbC123");
    }
  });

  it("shortens ids over OpenAI's 40 characters, deterministically", () => {
    const wire = wireToolCallId(long, "openai");
    expect(wire.length).toBeLessThanOrEqual(40);
    expect(wireToolCallId(long, "openai")).toBe(wire);
    expect(wireToolCallId(`${long}y`, "openai")).not.toBe(wire);
  });

  it("makes ids Anthropic-safe without merging different ids", () => {
    const a = wireToolCallId("call.1", "anthropic");
    const b = wireToolCallId("call:1", "anthropic");
    expect(a).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(b).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(a).not.toBe(b);
  });

  it("leaves Gemini ids alone (Gemini's own calls carry none; any id round-trips)", () => {
    expect(wireToolCallId(long, "google")).toBe(long);
  });
});

describe("toTools", () => {
  it("maps tool specs to function tools and nothing to undefined", () => {
    const parameters = { type: "object", properties: { expression: { type: "string" } } };
    expect(toTools([{ name: "calculator", description: "Does maths", parameters }])).toEqual([
      { type: "function", name: "calculator", description: "Does maths", inputSchema: parameters },
    ]);
    expect(toTools([])).toBeUndefined();
    expect(toTools(undefined)).toBeUndefined();
  });
});
