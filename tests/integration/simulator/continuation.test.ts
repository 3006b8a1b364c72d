// Requests that ask a backup to finish a broken-off answer, in each vendor's
// shape: Anthropic by prefill, OpenAI and Gemini by the continue instruction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { CONTINUE_INSTRUCTION } from "@/lib/providers/continuation";
import { startSimulator, type TSimulator } from "@/lib/simulator/server";

import { anthropicShape, geminiShape, openAiShape, SHAPE_VENDORS, texts, type TShapeVendor, type TTestMessage } from "./shape-vendors";
import { uniqueKey } from "./sim-client";
import { openStream } from "./stream-reader";

let sim: TSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

const PARTIAL = "[openai:gpt-4o-mini] c1 c2 ";

// The request Understudy sends each vendor to continue `partial`.
function continuation(vendor: TShapeVendor, userText = "hello there"): TTestMessage[] {
  const asked: TTestMessage[] = [
    { role: "user", text: userText },
    { role: "assistant", text: PARTIAL },
  ];
  return vendor === anthropicShape ? asked : [...asked, { role: "user", text: CONTINUE_INSTRUCTION }];
}

async function whole(vendor: TShapeVendor, key: string, messages: TTestMessage[], tools = false): Promise<unknown> {
  const response = await fetch(`${sim.url}${vendor.path(false)}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...vendor.headers(key) },
    body: JSON.stringify(vendor.body({ stream: false, messages, tools })),
  });
  expect(response.status).toBe(200);
  return response.json();
}

// The continuation request, streamed.
const streamContinuation = (vendor: TShapeVendor, key: string) =>
  openStream(`${sim.url}${vendor.path(true)}`, vendor.headers(key), vendor.body({ stream: true, messages: continuation(vendor) }));

const continues = (vendor: TShapeVendor) => `[${vendor.vendor}:${vendor.model}] continues the answer.`;

describe.each(SHAPE_VENDORS)("$vendor continuation", (vendor) => {
  it("answers a continuation request with 'continues the answer.'", async () => {
    expect(vendor.wholeText(await whole(vendor, uniqueKey("sim-ok"), continuation(vendor)))).toBe(continues(vendor));
  });

  it("streams the continuation under sim-slow too", async () => {
    const reader = streamContinuation(vendor, uniqueKey("sim-slow-20"));
    expect(await reader.ended).toBe("end");
    expect(texts(vendor, reader.frames).join("")).toBe(continues(vendor));
  });

  it("never calls a tool to continue, even when the user's message asked for one", async () => {
    const body = await whole(vendor, uniqueKey("sim-ok"), continuation(vendor, "calculate 1+2"), true);
    expect(vendor.wholeText(body)).toBe(continues(vendor));
    expect(JSON.stringify(body)).not.toMatch(/tool_calls"|tool_use"|functionCall/);
  });

  it("a shaped key goes on numbering from the partial answer's last piece", async () => {
    const reader = streamContinuation(vendor, uniqueKey("sim-chunks-4-0"));
    expect(await reader.ended).toBe("end");
    expect(texts(vendor, reader.frames)).toEqual(["c3 ", "c4."]);
  });
});

describe.each([openAiShape, geminiShape])("$vendor without the exact instruction", (vendor) => {
  it("answers as usual when the user's last message is anything else", async () => {
    const messages: TTestMessage[] = [
      { role: "user", text: "hello there" },
      { role: "assistant", text: PARTIAL },
      { role: "user", text: "please go on" },
    ];
    expect(vendor.wholeText(await whole(vendor, uniqueKey("sim-ok"), messages))).toBe(`[${vendor.vendor}:${vendor.model}] You said: please go on`);
  });
});

describe("anthropic models that refuse a prefill", () => {
  const ask = (model: string, messages: TTestMessage[]) =>
    fetch(`${sim.url}/anthropic/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": uniqueKey("sim-ok") },
      body: JSON.stringify({ model, max_tokens: 100, messages: messages.map((m) => ({ role: m.role, content: m.text })) }),
    });

  it("claude-sonnet-4-6 answers a prefill with Anthropic's 400", async () => {
    const response = await ask("claude-sonnet-4-6", continuation(anthropicShape));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: "error",
      error: {
        type: "invalid_request_error",
        message: "This model does not support assistant message prefill. The conversation must end with a user message.",
      },
    });
  });

  it("claude-sonnet-4-6 continues from the instruction form instead", async () => {
    const response = await ask("claude-sonnet-4-6", [...continuation(anthropicShape), { role: "user", text: CONTINUE_INSTRUCTION }]);
    expect(response.status).toBe(200);
    expect(anthropicShape.wholeText(await response.json())).toBe("[anthropic:claude-sonnet-4-6] continues the answer.");
  });

  it("older ids such as claude-3-5-haiku-latest still take a prefill", async () => {
    const response = await ask("claude-3-5-haiku-latest", continuation(anthropicShape));
    expect(response.status).toBe(200);
  });
});
