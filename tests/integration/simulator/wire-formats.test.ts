// The simulator speaks each vendor's wire format, checked with plain fetch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSimulator, type TSimulator } from "@/lib/simulator/server";

import { uniqueKey } from "./sim-client";

let sim: TSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

const post = (path: string, headers: Record<string, string>, body: unknown) =>
  fetch(`${sim.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

// Data lines of an SSE body, parsed; "[DONE]" kept as is.
async function sseData(response: Response): Promise<unknown[]> {
  const text = await response.text();
  return text
    .split(/\r?\n\r?\n/)
    .flatMap((event) => event.split(/\r?\n/).filter((line) => line.startsWith("data: ")))
    .map((line) => line.slice(6))
    .map((data) => (data === "[DONE]" ? data : JSON.parse(data)));
}

const openai = (key: string, body: Record<string, unknown>) =>
  post("/openai/v1/chat/completions", { authorization: `Bearer ${key}` }, { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi there" }], ...body });
const anthropic = (key: string, body: Record<string, unknown>) =>
  post(
    "/anthropic/v1/messages",
    { "x-api-key": key },
    { model: "claude-3-5-haiku-latest", max_tokens: 100, messages: [{ role: "user", content: "hi there" }], ...body },
  );

describe("OpenAI chat completions", () => {
  it("answers a chat.completion with usage", async () => {
    const response = await openai(uniqueKey("sim-ok"), {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      object: "chat.completion",
      model: "gpt-4o-mini",
      choices: [{ index: 0, message: { role: "assistant", content: "[openai:gpt-4o-mini] You said: hi there" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 2, completion_tokens: 5, total_tokens: 7 },
    });
  });

  it("streams chunks ending in [DONE], with a usage chunk only when asked", async () => {
    const plain = await sseData(await openai(uniqueKey("sim-ok"), { stream: true }));
    expect(plain.at(-1)).toBe("[DONE]");
    expect(plain.at(-2)).toMatchObject({ object: "chat.completion.chunk", choices: [{ delta: {}, finish_reason: "stop" }] });
    expect(plain.some((chunk) => typeof chunk === "object" && chunk !== null && "usage" in chunk)).toBe(false);

    const withUsage = await sseData(await openai(uniqueKey("sim-ok"), { stream: true, stream_options: { include_usage: true } }));
    expect(withUsage.at(-2)).toMatchObject({ choices: [], usage: { prompt_tokens: 2, completion_tokens: 5 } });
  });

  it("streams a tool call as tool_calls deltas", async () => {
    const chunks = await sseData(
      await openai(uniqueKey("sim-ok"), {
        stream: true,
        messages: [{ role: "user", content: "calculate 1+2" }],
        tools: [{ type: "function", function: { name: "calculator", parameters: {} } }],
      }),
    );
    type TChunk = { choices: Array<{ delta: { tool_calls?: Array<{ function: { arguments?: string } }> } }> };
    const calls = (chunks.slice(0, -1) as TChunk[]).flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    expect(JSON.parse(calls.map((call) => call.function.arguments ?? "").join(""))).toEqual({ expression: "1+2" });
    expect(chunks.at(-2)).toMatchObject({ choices: [{ finish_reason: "tool_calls" }] });
  });

  it.each([
    ["sim-429", 429, { type: "requests", code: "rate_limit_exceeded" }],
    ["sim-quota", 429, { type: "insufficient_quota", code: "insufficient_quota" }],
    ["sim-context", 400, { code: "context_length_exceeded" }],
    ["sim-filter", 400, { code: "content_filter" }],
    ["unknown-key", 401, { code: "invalid_api_key" }],
  ])("answers %s with %i and OpenAI's error body", async (behaviour, status, error) => {
    const response = await openai(uniqueKey(behaviour), {});
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { message: expect.any(String), ...error } });
    if (status === 429 && behaviour === "sim-429") expect(response.headers.get("retry-after")).toBe("1");
  });

  it("rejects a tool message that answers no call, in OpenAI's words", async () => {
    const response = await openai(uniqueKey("sim-ok"), {
      messages: [
        { role: "user", content: "x" },
        { role: "tool", tool_call_id: "call_1", content: "1" },
      ],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { message: expect.stringContaining("must be a response to a preceeding message with 'tool_calls'") },
    });
  });

  it("rejects a tool-call id longer than 40 characters", async () => {
    const id = `call_${"x".repeat(40)}`;
    const messages = [
      { role: "user", content: "x" },
      { role: "assistant", content: null, tool_calls: [{ id, type: "function", function: { name: "calculator", arguments: "{}" } }] },
      { role: "tool", tool_call_id: id, content: "1" },
    ];
    const response = await openai(uniqueKey("sim-ok"), { messages });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining("string too long") } });
  });
});

describe("Anthropic messages", () => {
  it("streams the documented event sequence, tool input as input_json_delta", async () => {
    const response = await anthropic(uniqueKey("sim-ok"), {
      stream: true,
      messages: [{ role: "user", content: "calculate 3*3" }],
      tools: [{ name: "calculator", input_schema: { type: "object" } }],
    });
    const text = await response.text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(events).toEqual([
      "message_start",
      "ping",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    const partial = [...text.matchAll(/"partial_json":("(?:[^"\\]|\\.)*")/g)].map((match) => JSON.parse(match[1] ?? '""') as string).join("");
    expect(JSON.parse(partial)).toEqual({ expression: "3*3" });
    expect(text).toContain('"stop_reason":"tool_use"');
  });

  it("sends an overloaded_error event after message_start for sim-529-stream", async () => {
    const text = await (await anthropic(uniqueKey("sim-529-stream"), { stream: true })).text();
    expect(text).toMatch(
      /^event: message_start\ndata: .*\n\nevent: error\ndata: \{"type":"error","error":\{"type":"overloaded_error","message":"Overloaded"\}\}\n\n$/,
    );
  });

  it("answers sim-529-stream without streaming with a plain 529", async () => {
    const response = await anthropic(uniqueKey("sim-529-stream"), {});
    expect(response.status).toBe(529);
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "overloaded_error" } });
  });

  it("rejects a tool_use id outside Anthropic's pattern", async () => {
    const messages = [
      { role: "user", content: "x" },
      { role: "assistant", content: [{ type: "tool_use", id: "call.1", name: "calculator", input: {} }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "call.1", content: "1" }] },
    ];
    const response = await anthropic(uniqueKey("sim-ok"), { messages });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: "invalid_request_error", message: expect.stringContaining("should match pattern") } });
  });
});

describe("Gemini generateContent", () => {
  const body = { contents: [{ role: "user", parts: [{ text: "hi there" }] }] };

  it("takes the key from the key query parameter", async () => {
    const response = await post(`/google/v1beta/models/gemini-2.0-flash:generateContent?key=${uniqueKey("sim-ok")}`, {}, body);
    expect(await response.json()).toMatchObject({
      candidates: [{ content: { role: "model", parts: [{ text: "[google:gemini-2.0-flash] You said: hi there" }] }, finishReason: "STOP" }],
      usageMetadata: { promptTokenCount: 2, candidatesTokenCount: 5, totalTokenCount: 7 },
    });
  });

  it("streams SSE with alt=sse, usage on the last chunk", async () => {
    const response = await post("/google/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", { "x-goog-api-key": uniqueKey("sim-ok") }, body);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const chunks = (await sseData(response)) as Array<{ candidates: Array<{ finishReason?: string }>; usageMetadata?: unknown }>;
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.at(-1)?.candidates[0]?.finishReason).toBe("STOP");
    expect(chunks.at(-1)?.usageMetadata).toBeDefined();
  });

  it("reports a per-day quota as RESOURCE_EXHAUSTED with a QuotaFailure", async () => {
    const response = await post("/google/v1beta/models/gemini-2.0-flash:generateContent", { "x-goog-api-key": uniqueKey("sim-quota") }, body);
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({
      error: {
        code: 429,
        status: "RESOURCE_EXHAUSTED",
        details: [{ violations: [{ quotaId: "GenerateRequestsPerDayPerProjectPerModel-FreeTier" }] }, { retryDelay: "1s" }],
      },
    });
  });

  it("answers a blocked prompt with promptFeedback and no candidates", async () => {
    const response = await post("/google/v1beta/models/gemini-2.0-flash:generateContent", { "x-goog-api-key": uniqueKey("sim-filter") }, body);
    const json = (await response.json()) as Record<string, unknown>;
    expect(json).toMatchObject({ promptFeedback: { blockReason: "SAFETY" } });
    expect(json.candidates).toBeUndefined();
  });

  it("rejects a function response that follows no function call", async () => {
    const contents = [{ role: "user", parts: [{ functionResponse: { name: "calculator", response: { content: "1" } } }] }];
    const response = await post("/google/v1beta/models/gemini-2.0-flash:generateContent", { "x-goog-api-key": uniqueKey("sim-ok") }, { contents });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { status: "INVALID_ARGUMENT", message: expect.stringContaining("function response turn") } });
  });
});

describe("vendor checks on sampling parameters and images", () => {
  const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
  const gemini = (body: unknown) => post("/google/v1beta/models/gemini-2.0-flash:generateContent", { "x-goog-api-key": uniqueKey("sim-ok") }, body);

  it("Anthropic refuses a temperature above 1, its real limit", async () => {
    const response = await anthropic(uniqueKey("sim-ok"), { temperature: 1.5 });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: "temperature: range: 0..1" } });
    expect((await anthropic(uniqueKey("sim-ok"), { temperature: 1 })).status).toBe(200);
  });

  it("OpenAI refuses more than 4 stop sequences", async () => {
    const response = await openai(uniqueKey("sim-ok"), { stop: ["a", "b", "c", "d", "e"] });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { type: "invalid_request_error", message: expect.stringContaining("Invalid 'stop': array too long") },
    });
    expect((await openai(uniqueKey("sim-ok"), { stop: ["a", "b", "c", "d"] })).status).toBe(200);
  });

  it("OpenAI refuses an image_url that is neither a web URL nor an image data URL", async () => {
    const content = (url: string) => [
      {
        role: "user",
        content: [
          { type: "text", text: "see" },
          { type: "image_url", image_url: { url } },
        ],
      },
    ];
    const response = await openai(uniqueKey("sim-ok"), { messages: content("ftp://example.com/cat.png") });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining("messages[0].content[1].image_url.url") } });
    const ok = await openai(uniqueKey("sim-ok"), { messages: content(`data:image/png;base64,${PNG}`) });
    expect(await ok.json()).toMatchObject({ choices: [{ message: { content: "[openai:gpt-4o-mini] You said: see [1 image]" } }] });
  });

  it("Anthropic refuses an image whose media type it does not read", async () => {
    const image = { type: "image", source: { type: "base64", media_type: "image/bmp", data: PNG } };
    const response = await anthropic(uniqueKey("sim-ok"), { messages: [{ role: "user", content: [image] }] });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { type: "invalid_request_error", message: expect.stringContaining("messages.0.content.0.image.source.base64.media_type") },
    });
  });

  it("Gemini refuses inline data that is not base64, and reads a fileData image", async () => {
    const bad = await gemini({ contents: [{ role: "user", parts: [{ text: "see" }, { inlineData: { mimeType: "image/png", data: "not base64!" } }] }] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { status: "INVALID_ARGUMENT", message: expect.stringContaining("Base64 decoding failed") } });
    const ok = await gemini({
      contents: [{ role: "user", parts: [{ text: "see" }, { fileData: { mimeType: "image/jpeg", fileUri: "https://example.com/a.jpg" } }] }],
    });
    expect(await ok.json()).toMatchObject({ candidates: [{ content: { parts: [{ text: "[google:gemini-2.0-flash] You said: see [1 image]" }] } }] });
  });
});

describe("routing", () => {
  it("answers an unknown path with a JSON 404", async () => {
    const response = await fetch(`${sim.url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: expect.stringContaining("/nope") });
  });
});
