// Images in each vendor's wire format, and GET /_requests: what each vendor
// actually received from the real AI SDK adapters.
import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";

import { chat } from "@/lib/providers/chat";
import type { TMessage } from "@/lib/providers/types";

import { callModel, requestsOf, userSays } from "./model-call";
import { MODELS, postJson, request, SIM_VENDOR, TOOLS, uniqueKey, useSimulator } from "./sim-client";

const sim = useSimulator();

// A 1x1 PNG.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

const withImages: LanguageModelV4Prompt = [
  {
    role: "user",
    content: [
      { type: "text", text: "look at these" },
      { type: "file", mediaType: "image/png", data: { type: "data", data: PNG } },
      { type: "file", mediaType: "image/png", data: { type: "url", url: new URL("https://example.com/cat.png") } },
    ],
  },
];

const SAMPLING_ON_THE_WIRE = {
  openai: { temperature: 0.3, top_p: 0.8, stop: ["END"], seed: 7, user: "end-user-1", max_tokens: 50 },
  anthropic: { temperature: 0.3, stop_sequences: ["END"], max_tokens: 50 },
  google: { generationConfig: { temperature: 0.3, topP: 0.8, stopSequences: ["END"], seed: 7, maxOutputTokens: 50 } },
};

describe.each(["openai", "anthropic", "google"] as const)("on %s", (vendor) => {
  it("accepts an inline image and an image URL, and says how many it saw", async () => {
    const answer = await callModel(sim.url, vendor, uniqueKey("sim-ok"), { prompt: withImages });
    expect(answer.text).toBe(`[${SIM_VENDOR[vendor]}:${MODELS[vendor]}] You said: look at these [2 images]`);
  });

  it("/_requests returns each body the key sent, oldest first, with the sampling parameters as sent", async () => {
    const key = uniqueKey("sim-ok");
    const sampling = { temperature: 0.3, topP: 0.8, stopSequences: ["END"], seed: 7, maxOutputTokens: 50, providerOptions: { openai: { user: "end-user-1" } } };
    await callModel(sim.url, vendor, key, { prompt: [userSays("first")], ...sampling });
    await callModel(sim.url, vendor, key, { prompt: [userSays("second")] });
    const requests = await requestsOf(sim.url, key);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject(SAMPLING_ON_THE_WIRE[vendor]);
    expect(JSON.stringify(requests[1])).toContain('"second"');
    expect(JSON.stringify(requests)).not.toContain(key);
  });
});

describe("/_requests", () => {
  it("shows the tool-call ids each vendor received, remapped where the vendor would refuse the original", async () => {
    const longId = `gemini-call-${"x".repeat(50)}`;
    const messages: TMessage[] = [
      { role: "user", content: "calculate 1+1" },
      { role: "assistant", content: "", toolCalls: [{ id: longId, name: "calculator", arguments: '{"expression":"1+1"}' }] },
      { role: "tool", toolCallId: longId, toolName: "calculator", content: "2" },
    ];
    const key = uniqueKey("sim-ok");
    await chat(request(sim.url, "openai", key, { messages, tools: TOOLS }));
    const [body] = (await requestsOf(sim.url, key)) as Array<{ messages: Array<{ tool_calls?: Array<{ id: string }>; tool_call_id?: string }> }>;
    const sentId = body?.messages[1]?.tool_calls?.[0]?.id ?? "";
    expect(sentId).not.toBe(longId);
    expect(sentId.length).toBeLessThanOrEqual(40);
    expect(body?.messages[2]?.tool_call_id).toBe(sentId);
  });

  it("keeps the last 20 bodies of a key", async () => {
    const key = uniqueKey("sim-ok");
    for (let i = 1; i <= 21; i++) {
      await fetch(`${sim.url}/openai/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "m", messages: [{ role: "user", content: `call ${i}` }] }),
      });
    }
    const requests = (await requestsOf(sim.url, key)) as Array<{ messages: Array<{ content: string }> }>;
    expect(requests.map((r) => r.messages[0]?.content)).toEqual(Array.from({ length: 20 }, (_, i) => `call ${i + 2}`));
  });

  it("answers an empty list for a key it never saw, and forgets everything on reset", async () => {
    expect(await requestsOf(sim.url, uniqueKey("sim-ok"))).toEqual([]);
    const key = uniqueKey("sim-ok");
    await callModel(sim.url, "google", key);
    expect(await requestsOf(sim.url, key)).toHaveLength(1);
    await postJson(`${sim.url}/_control/reset`, {});
    expect(await requestsOf(sim.url, key)).toEqual([]);
  });
});
