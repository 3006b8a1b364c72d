// Tool calls over real HTTP: a round trip on each vendor, and conversations
// that start on one vendor and continue on another after a tool call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { chat } from "@/lib/providers/chat";
import { type TMessage, type TVendor, VENDORS } from "@/lib/providers/types";
import { startSimulator, type TSimulator } from "@/lib/simulator/server";

import { lastRequest, MODELS, request, SIM_VENDOR, TOOLS, uniqueKey } from "../simulator/sim-client";

let sim: TSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

const ask = (vendor: TVendor, messages: TMessage[], key = uniqueKey("sim-ok")) =>
  chat(request(sim.url, vendor, key, { messages, tools: TOOLS, system: "You are a test agent." }));

/** The conversation after one tool round: question, the call, its result. */
async function withToolResult(vendor: TVendor, question: string, result: string): Promise<TMessage[]> {
  const messages: TMessage[] = [{ role: "user", content: question }];
  const first = await ask(vendor, messages);
  const [call] = first.toolCalls;
  if (!call) throw new Error(`${vendor} made no tool call`);
  return [
    ...messages,
    { role: "assistant", content: first.text, toolCalls: first.toolCalls },
    { role: "tool", toolCallId: call.id, toolName: call.name, content: result },
  ];
}

describe.each(VENDORS)("tool round trip on %s", (vendor) => {
  it("calls current_time, then answers with its result", async () => {
    const first = await ask(vendor, [{ role: "user", content: "Hey, what time is it?" }]);
    expect(first.finishReason).toBe("tool_calls");
    expect(first.toolCalls).toEqual([{ id: expect.any(String), name: "current_time", arguments: "{}" }]);

    const messages = await withToolResult(vendor, "Hey, what time is it?", "2026-11-23T12:00:00Z");
    const second = await ask(vendor, messages);
    expect(second.toolCalls).toEqual([]);
    expect(second.text).toBe(`[${SIM_VENDOR[vendor]}:${MODELS[vendor]}] The current_time tool returned: 2026-11-23T12:00:00Z`);
  });

  it("calls calculator with the expression as raw JSON arguments", async () => {
    const { toolCalls } = await ask(vendor, [{ role: "user", content: "Please calculate 6*7?" }]);
    expect(toolCalls).toHaveLength(1);
    expect(toolCalls[0]?.name).toBe("calculator");
    expect(JSON.parse(toolCalls[0]?.arguments ?? "")).toEqual({ expression: "6*7" });
  });

  it("gives every call in a conversation its own id", async () => {
    const first = await ask(vendor, [{ role: "user", content: "calculate 1+1" }]);
    const second = await ask(vendor, [{ role: "user", content: "calculate 1+1" }]);
    expect(first.toolCalls[0]?.id).toBeTruthy();
    expect(first.toolCalls[0]?.id).not.toBe(second.toolCalls[0]?.id);
  });
});

describe("cross-vendor continuation", () => {
  it.each(["anthropic", "google"] as TVendor[])("continues a tool call made on OpenAI on %s", async (next) => {
    const messages = await withToolResult("openai", "calculate 6*7", "42");
    const answer = await ask(next, messages);
    expect(answer.text).toBe(`[${next}:${MODELS[next]}] The calculator tool returned: 42`);
  });

  it.each(["openai", "anthropic", "openrouter"] as TVendor[])("continues a tool call made on Gemini on %s", async (next) => {
    const messages = await withToolResult("google", "calculate 6*7", "42");
    const answer = await ask(next, messages);
    expect(answer.text).toBe(`[${SIM_VENDOR[next]}:${MODELS[next]}] The calculator tool returned: 42`);
  });

  it("continues a tool call made on Anthropic on Gemini, then answers a follow-up on OpenAI", async () => {
    const messages = await withToolResult("anthropic", "what time is it?", "noon");
    const onGemini = await ask("google", messages);
    expect(onGemini.text).toContain("The current_time tool returned: noon");
    const followUp: TMessage[] = [...messages, { role: "assistant", content: onGemini.text }, { role: "user", content: "thanks" }];
    expect((await ask("openai", followUp)).text).toBe("[openai:gpt-4o-mini] You said: thanks");
  });

  it("rewrites call ids the next vendor would reject, and the vendor accepts the history", async () => {
    const id = `call:${"x".repeat(50)}/from.another.vendor`;
    const messages: TMessage[] = [
      { role: "user", content: "calculate 2+3" },
      { role: "assistant", content: "", toolCalls: [{ id, name: "calculator", arguments: '{"expression":"2+3"}' }] },
      { role: "tool", toolCallId: id, toolName: "calculator", content: "5" },
    ];
    for (const vendor of VENDORS) {
      expect((await ask(vendor, messages)).text).toContain("The calculator tool returned: 5");
    }
  });
});

describe("history on the wire", () => {
  const history: TMessage[] = [
    { role: "user", content: "calculate 6*7" },
    { role: "assistant", content: "On it.", toolCalls: [{ id: "call_Q1", name: "calculator", arguments: '{"expression":"6*7"}' }] },
    { role: "tool", toolCallId: "call_Q1", toolName: "calculator", content: "42" },
  ];

  async function wireBody(vendor: TVendor): Promise<unknown> {
    const key = uniqueKey("sim-ok");
    await ask(vendor, history, key);
    return (await lastRequest(sim.url, key)).body;
  }

  it("is OpenAI chat messages with tool_calls and a tool message", async () => {
    expect(await wireBody("openai")).toMatchObject({
      model: "gpt-4o-mini",
      stream: true,
      messages: [
        { role: "system", content: "You are a test agent." },
        { role: "user", content: "calculate 6*7" },
        {
          role: "assistant",
          content: "On it.",
          tool_calls: [{ id: "call_Q1", type: "function", function: { name: "calculator", arguments: '{"expression":"6*7"}' } }],
        },
        { role: "tool", tool_call_id: "call_Q1", content: "42" },
      ],
      tools: [
        { type: "function", function: { name: "current_time" } },
        { type: "function", function: { name: "calculator" } },
      ],
    });
  });

  it("is Anthropic messages with tool_use and tool_result blocks", async () => {
    expect(await wireBody("anthropic")).toMatchObject({
      model: "claude-3-5-haiku-latest",
      system: [{ type: "text", text: "You are a test agent." }],
      messages: [
        { role: "user", content: [{ type: "text", text: "calculate 6*7" }] },
        {
          role: "assistant",
          content: [
            { type: "text", text: "On it." },
            { type: "tool_use", id: "call_Q1", name: "calculator", input: { expression: "6*7" } },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "call_Q1", content: "42" }] },
      ],
      tools: [{ name: "current_time" }, { name: "calculator", input_schema: { required: ["expression"] } }],
    });
  });

  it("is Gemini contents with functionCall and functionResponse parts", async () => {
    expect(await wireBody("google")).toMatchObject({
      systemInstruction: { parts: [{ text: "You are a test agent." }] },
      contents: [
        { role: "user", parts: [{ text: "calculate 6*7" }] },
        { role: "model", parts: [{ text: "On it." }, { functionCall: { id: "call_Q1", name: "calculator", args: { expression: "6*7" } } }] },
        { role: "user", parts: [{ functionResponse: { id: "call_Q1", name: "calculator", response: { name: "calculator", content: "42" } } }] },
      ],
      tools: [{ functionDeclarations: [{ name: "current_time" }, { name: "calculator" }] }],
    });
  });
});
