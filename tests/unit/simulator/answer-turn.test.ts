import Ajv from "ajv";
import { describe, expect, it } from "vitest";

import { answerTurn } from "@/lib/simulator/conversation";
import { compactJson } from "@/lib/simulator/format-answer";
import type { TSimResponseFormat } from "@/lib/simulator/turn";

import { simTurn } from "./sim-turn";

const ajv = new Ajv();
const PERSON = { type: "object", properties: { name: { type: "string" }, age: { type: "integer", minimum: 18 } }, required: ["name", "age"] };
const jsonSchema: TSimResponseFormat = { type: "json_schema", schema: PERSON };
const weather = { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } };

describe("answerTurn's text", () => {
  it("names each tool result since the user spoke once every caller tool is called", () => {
    const turn = simTurn({
      tools: [weather, { ...weather, name: "lookup_order" }],
      calledTools: ["get_weather", "lookup_order"],
      toolResults: [
        { name: "get_weather", content: "sunny" },
        { name: "lookup_order", content: "shipped" },
      ],
    });
    const answer = answerTurn(turn, "openai", "normal");
    expect(answer).toMatchObject({
      text: "[openai:m] The get_weather tool returned: sunny. The lookup_order tool returned: shipped.",
      finish: "stop",
      toolCalls: [],
    });
  });

  it.each([
    [1, "[anthropic:m] You said: look [1 image]"],
    [2, "[anthropic:m] You said: look [2 images]"],
  ])("mentions %i attached image(s)", (images, text) => {
    expect(answerTurn(simTurn({ lastUserText: "look", images }), "anthropic", "normal").text).toBe(text);
  });

  it("wraps the sentence in a JSON object for json_object, streamed in several chunks", () => {
    const answer = answerTurn(simTurn({ responseFormat: { type: "json_object" } }), "google", "normal");
    expect(answer.text).toBe('{"answer": "[google:m] You said: hello"}');
    expect(answer.chunks.length).toBeGreaterThan(1);
    expect(answer.chunks.join("")).toBe(answer.text);
  });

  it("answers a value of the schema for json_schema", () => {
    const answer = answerTurn(simTurn({ responseFormat: jsonSchema }), "openai", "normal");
    expect(JSON.parse(answer.text)).toEqual({ name: "sample", age: 18 });
    expect(ajv.validate(PERSON, JSON.parse(answer.text))).toBe(true);
  });

  it("delivers a json_schema answer as a call of the tool the caller named for it", () => {
    const answer = answerTurn(simTurn({ responseFormat: { ...jsonSchema, viaTool: "json" } }), "anthropic", "normal");
    expect(answer).toMatchObject({ text: "", finish: "tool_calls", toolCalls: [{ name: "json", arguments: '{"name": "sample", "age": 18}' }] });
  });

  it("calls the caller's tools before answering in the format", () => {
    expect(answerTurn(simTurn({ tools: [weather], responseFormat: jsonSchema }), "openai", "normal")).toMatchObject({
      finish: "tool_calls",
      toolCalls: [{ name: "get_weather" }],
    });
  });
});

describe("answerTurn's broken variants", () => {
  it("bad_format answers json_object with text that is not JSON", () => {
    const { text } = answerTurn(simTurn({ responseFormat: { type: "json_object" } }), "openai", "bad_format");
    expect(() => JSON.parse(text)).toThrow();
  });

  it("bad_format answers json_schema with JSON that fails the schema", () => {
    const { text } = answerTurn(simTurn({ responseFormat: jsonSchema }), "openai", "bad_format");
    expect(ajv.validate(PERSON, JSON.parse(text))).toBe(false);
  });

  it("bad_format without a response format is a normal answer", () => {
    expect(answerTurn(simTurn(), "openai", "bad_format").text).toBe(answerTurn(simTurn(), "openai", "normal").text);
  });

  it("bad_args_tool without caller tools is bad_json_tool", () => {
    const turn = simTurn({ tools: ["calculator"] });
    expect(answerTurn(turn, "openai", "bad_args_tool").toolCalls).toEqual(answerTurn(turn, "openai", "bad_json_tool").toolCalls);
  });

  it("empty_tool says tool calls and makes none, caller tools or not", () => {
    expect(answerTurn(simTurn({ tools: [weather] }), "openai", "empty_tool")).toMatchObject({ text: "", toolCalls: [], finish: "tool_calls" });
  });
});

describe("compactJson", () => {
  it("puts one space after each colon and comma, and none inside brackets", () => {
    expect(compactJson({ a: [1, { b: "x, y" }], c: {} })).toBe('{"a": [1, {"b": "x, y"}], "c": {}}');
  });
});
