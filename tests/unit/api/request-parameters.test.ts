// The parameters an agent loop sends: each one is validated, and a bad one
// is a 400 naming its param, never a silent drop.
import { describe, expect, it } from "vitest";

import { parseChatCompletionRequest } from "@/lib/api/read-request";

import { refusal } from "./refusal";

const USER = { role: "user", content: "Where is my order?" };
// An object schema of `count` string properties: 800 make about 21 KiB.
const wideSchema = (count: number) => ({
  type: "object",
  properties: Object.fromEntries(Array.from({ length: count }, (_, i) => [`field_${i}`, { type: "string" }])),
});
const tool = (name: string, parameters?: unknown) => ({ type: "function", function: { name, ...(parameters === undefined ? {} : { parameters }) } });
const LOOKUP = tool("lookup_order", { type: "object", properties: { orderId: { type: "string" } }, required: ["orderId"] });
const keys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${i}`, "v"]));
const imageMessage = (url: string) => ({
  role: "user",
  content: [
    { type: "text", text: "What is this?" },
    { type: "image_url", image_url: { url } },
  ],
});

const parse = (fields: Record<string, unknown>) => parseChatCompletionRequest(JSON.stringify({ model: "bot", messages: [USER], ...fields }));

describe("parseChatCompletionRequest accepts", () => {
  it("an agent loop's tools, tool_choice and parameters, keeping them as sent", () => {
    const loop = {
      tools: [LOOKUP, tool("ping")],
      tool_choice: { type: "function", function: { name: "lookup_order" } },
      parallel_tool_calls: false,
      temperature: 0.3,
      top_p: 0.5,
      max_tokens: 100,
      max_completion_tokens: 200,
      seed: -3,
      user: "customer-9",
      metadata: { ticket: "T-1" },
      response_format: { type: "json_schema", json_schema: { name: "order", schema: { type: "object" }, strict: true } },
    };
    expect(parse(loop)).toEqual({ model: "bot", messages: [USER], ...loop });
  });

  it("one stop string as a list of one", () => {
    expect(parse({ stop: "END" }).stop).toEqual(["END"]);
    expect(parse({ stop: ["a", "b", "c", "d"] }).stop).toEqual(["a", "b", "c", "d"]);
  });

  it("the edges of every range", () => {
    for (const fields of [
      { temperature: 0 },
      { temperature: 2 },
      { top_p: 0 },
      { top_p: 1 },
      { max_tokens: 1 },
      { max_completion_tokens: 1 },
      { user: "u".repeat(256) },
      { metadata: keys(16) },
      { tool_choice: "none" },
      { tool_choice: "auto" },
      { tool_choice: "required", tools: [LOOKUP] },
      { response_format: { type: "text" } },
      { response_format: { type: "json_object" } },
    ]) {
      expect(() => parse(fields), JSON.stringify(fields)).not.toThrow();
    }
  });

  it("images by https URL or as base64 data URLs of PNG, JPEG, GIF or WebP", () => {
    for (const url of [
      "https://example.com/cat.png",
      "data:image/png;base64,iVBORw0KGgo=",
      "data:image/jpeg;base64,/9j/4AAQ",
      "data:image/gif;base64,R0lGOD",
      "data:image/webp;base64,UklGRg==",
    ]) {
      expect(parse({ messages: [imageMessage(url)] }).messages[0]).toEqual(imageMessage(url));
    }
  });

  it("a conversation that ends with tool results", () => {
    const call = { id: "call_1", type: "function", function: { name: "lookup_order", arguments: '{"orderId":"A"}' } };
    const messages = [USER, { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "shipped" }];
    expect(parse({ messages, tools: [LOOKUP] }).messages).toHaveLength(3);
  });
});

describe("parseChatCompletionRequest refuses, naming the param", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["a tool name with a space", { tools: [tool("look up")] }, "tools[0].function.name"],
    ["a tool name longer than 64", { tools: [tool("x".repeat(65))] }, "tools[0].function.name"],
    ["two tools of one name", { tools: [LOOKUP, tool("ping"), tool("lookup_order")] }, "tools[2].function.name"],
    ["parameters over 16 KiB", { tools: [tool("big", wideSchema(800))] }, "tools[0].function.parameters"],
    [
      "a response schema over 16 KiB",
      { response_format: { type: "json_schema", json_schema: { name: "big", schema: wideSchema(800) } } },
      "response_format.json_schema.schema",
    ],
    ["a remote $ref", { tools: [tool("remote", { $ref: "https://example.com/schema.json" })] }, "tools[0].function.parameters"],
    ["parameters ajv cannot compile", { tools: [tool("bad", { type: "object", properties: { x: { type: "strnig" } } })] }, "tools[0].function.parameters"],
    ["a tool that is not a function", { tools: [{ type: "retrieval", function: { name: "r" } }] }, "tools[0].type"],
    ["a NUL in a tool description", { tools: [{ type: "function", function: { name: "a", description: "x\u0000" } }] }, "tools[0].function.description"],
    [
      "tool_choice naming a tool not in tools",
      { tools: [LOOKUP], tool_choice: { type: "function", function: { name: "refund" } } },
      "tool_choice.function.name",
    ],
    ["tool_choice required without tools", { tool_choice: "required" }, "tool_choice"],
    ["an unknown tool_choice", { tools: [LOOKUP], tool_choice: "sometimes" }, "tool_choice"],
    ["parallel_tool_calls that is not a boolean", { parallel_tool_calls: "yes" }, "parallel_tool_calls"],
    ["temperature above 2", { temperature: 2.01 }, "temperature"],
    ["temperature below 0", { temperature: -0.1 }, "temperature"],
    ["temperature as a string", { temperature: "0.5" }, "temperature"],
    ["top_p above 1", { top_p: 1.5 }, "top_p"],
    ["max_tokens of 0", { max_tokens: 0 }, "max_tokens"],
    ["max_tokens that is not whole", { max_tokens: 10.5 }, "max_tokens"],
    ["max_completion_tokens of 0", { max_completion_tokens: 0 }, "max_completion_tokens"],
    ["five stop sequences", { stop: ["a", "b", "c", "d", "e"] }, "stop"],
    ["an empty stop sequence", { stop: ["a", ""] }, "stop[1]"],
    ["a stop that is a number", { stop: 42 }, "stop"],
    ["a seed that is not whole", { seed: 1.5 }, "seed"],
    ["an unknown response_format", { response_format: { type: "xml" } }, "response_format.type"],
    [
      "a json_schema without a name",
      { response_format: { type: "json_schema", json_schema: { schema: { type: "object" } } } },
      "response_format.json_schema.name",
    ],
    [
      "a json_schema ajv cannot compile",
      { response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: 1 } } } },
      "response_format.json_schema.schema",
    ],
    ["a user of 257 characters", { user: "u".repeat(257) }, "user"],
    ["17 metadata keys", { metadata: keys(17) }, "metadata"],
    ["a lone surrogate in a metadata value", { metadata: { note: "\ud800" } }, "metadata.note"],
    ["an http image", { messages: [imageMessage("http://example.com/cat.png")] }, "messages[0].content[1].image_url.url"],
    ["an SVG data URL", { messages: [imageMessage("data:image/svg+xml;base64,PHN2Zz4=")] }, "messages[0].content[1].image_url.url"],
    ["a data URL that is not base64", { messages: [imageMessage("data:image/png,rawbytes")] }, "messages[0].content[1].image_url.url"],
    [
      "eleven images in one message",
      { messages: [{ role: "user", content: Array.from({ length: 11 }, () => ({ type: "image_url", image_url: { url: "https://example.com/a.png" } })) }] },
      "messages[0].content",
    ],
    [
      "an image in an assistant message",
      { messages: [{ role: "assistant", content: [{ type: "image_url", image_url: { url: "https://example.com/a.png" } }] }, USER] },
      "messages[0].content",
    ],
    ["a NUL in a tool result", { messages: [USER, { role: "tool", tool_call_id: "call_1", content: "a\u0000b" }] }, "messages[1].content"],
    [
      "a lone surrogate in a text part",
      {
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "ok" },
              { type: "text", text: "\udfff" },
            ],
          },
        ],
      },
      "messages[0].content[1].text",
    ],
  ];

  it.each(cases)("%s", (_name, fields, param) => {
    expect(refusal(() => parse(fields))).toMatchObject({
      status: 400,
      type: "invalid_request_error",
      code: "invalid_value",
      param,
      message: expect.stringContaining(`Invalid '${param}': `),
    });
  });

  it("says what to do in the message", () => {
    expect(refusal(() => parse({ temperature: 3 })).message).toBe("Invalid 'temperature': Use a value from 0 to 2");
    expect(refusal(() => parse({ tools: [LOOKUP, LOOKUP] })).message).toBe(`Invalid 'tools[1].function.name': Another tool is already named "lookup_order"`);
    expect(refusal(() => parse({ tool_choice: "required" })).message).toBe("Invalid 'tool_choice': tool_choice needs tools to choose from");
    expect(refusal(() => parse({ tools: [tool("big", wideSchema(800))] })).message).toBe(
      "Invalid 'tools[0].function.parameters': Keep a schema under 16 KiB of JSON",
    );
    expect(parse({ tools: [tool("fits", wideSchema(400))] })).toHaveProperty("tools");
    expect(refusal(() => parse({ tools: [tool("bad", { type: "strnig" })] })).message).toMatch(
      /^Invalid 'tools\[0\]\.function\.parameters': Not a usable JSON Schema: /,
    );
  });
});
