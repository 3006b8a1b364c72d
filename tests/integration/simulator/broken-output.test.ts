// Structured answers and the keys that break them, through the real AI SDK
// adapters: json_schema answers that validate, sim-badargs-* arguments and
// sim-badformat-* answers that fail their schema, then (for -<n>) recover.
import Ajv from "ajv";
import { describe, expect, it } from "vitest";

import { callModel, functionTool, jsonFormat, requestsOf, type TModelCall, toolRound, userSays } from "./model-call";
import { MODELS, SIM_VENDOR, uniqueKey, useSimulator } from "./sim-client";

const sim = useSimulator();

const ajv = new Ajv();
// No numeric bounds: the Anthropic adapter moves those into the description
// for native structured output, so no vendor would enforce them.
const PERSON = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" }, role: { type: "string", enum: ["admin", "user"] } },
  required: ["name", "age", "role"],
  additionalProperties: false,
};
const WEATHER = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };
const asJson: TModelCall = { responseFormat: jsonFormat(PERSON) };
const validPerson = (text: string) => ajv.validate(PERSON, JSON.parse(text));

// Anthropic models without native structured output get the schema as a
// forced "json" tool; claude-sonnet-4-5 gets output_config.format.
const TARGETS = [
  ["openai", undefined],
  ["anthropic", undefined],
  ["anthropic", "claude-sonnet-4-5"],
  ["google", undefined],
] as const;

describe.each(TARGETS)("json_schema answers on %s %s", (vendor, model) => {
  const ask = (key: string) => callModel(sim.url, vendor, key, { model, prompt: [userSays("who am I?")], ...asJson });

  it("answers JSON that validates against the schema", async () => {
    const answer = await ask(uniqueKey("sim-ok"));
    expect(answer.finishReason).toBe("stop");
    expect(validPerson(answer.text)).toBe(true);
  });

  it("calls the caller's tool first, then answers in the format", async () => {
    const key = uniqueKey("sim-ok");
    const question = [userSays("who am I?")];
    const tools = [functionTool("get_weather", WEATHER)];
    const first = await callModel(sim.url, vendor, key, { model, prompt: question, tools, ...asJson });
    expect(first.toolCalls.map((call) => call.name)).toEqual(["get_weather"]);
    const answer = await callModel(sim.url, vendor, key, { model, prompt: [...question, ...toolRound(first.toolCalls, () => "sunny")], tools, ...asJson });
    expect(answer.toolCalls).toEqual([]);
    expect(validPerson(answer.text)).toBe(true);
  });

  it("sim-badformat-1 answers JSON that fails the schema once, then JSON that validates", async () => {
    const key = uniqueKey("sim-badformat-1");
    expect(validPerson((await ask(key)).text)).toBe(false);
    expect(validPerson((await ask(key)).text)).toBe(true);
  });
});

describe.each(["openai", "google"] as const)("json_object answers on %s", (vendor) => {
  const ask = (key: string) => callModel(sim.url, vendor, key, { prompt: [userSays("hi")], responseFormat: { type: "json" } });

  it("wraps the sentence in a JSON object", async () => {
    const { text } = await ask(uniqueKey("sim-ok"));
    expect(JSON.parse(text)).toEqual({ answer: `[${SIM_VENDOR[vendor]}:${MODELS[vendor]}] You said: hi` });
  });

  it("sim-badformat answers text that is not JSON", async () => {
    const { text } = await ask(uniqueKey("sim-badformat"));
    expect(() => JSON.parse(text)).toThrow();
  });
});

describe.each(["openai", "anthropic", "google"] as const)("broken tool calls on %s", (vendor) => {
  const who = `[${SIM_VENDOR[vendor]}:${MODELS[vendor]}]`;
  const tools = [functionTool("calculator", { type: "object", properties: { expression: { type: "string" } } }), functionTool("get_weather", WEATHER)];
  const ask = (key: string, over: TModelCall = {}) => callModel(sim.url, vendor, key, { prompt: [userSays("weather?")], tools, ...over });
  const validWeather = (args: string) => ajv.validate(WEATHER, JSON.parse(args));

  it("sim-badargs-tool calls the first caller tool with JSON arguments that fail its schema", async () => {
    const { toolCalls, finishReason } = await ask(uniqueKey("sim-badargs-tool"));
    expect(finishReason).toBe("tool_calls");
    expect(toolCalls).toHaveLength(1);
    expect(toolCalls[0]?.name).toBe("get_weather");
    expect(validWeather(toolCalls[0]?.arguments ?? "")).toBe(false);
  });

  it("sim-badargs-1 fails its schema on the first call only", async () => {
    const key = uniqueKey("sim-badargs-1");
    expect(validWeather((await ask(key)).toolCalls[0]?.arguments ?? "")).toBe(false);
    const fixed = await ask(key);
    expect(fixed.toolCalls[0]?.name).toBe("get_weather");
    expect(validWeather(fixed.toolCalls[0]?.arguments ?? "")).toBe(true);
  });

  it("sim-badformat without a response format answers like sim-ok", async () => {
    const answer = await callModel(sim.url, vendor, uniqueKey("sim-badformat"), { prompt: [userSays("hi")] });
    expect(answer.text).toBe(`${who} You said: hi`);
  });

  it("sim-empty-tool says tool calls and makes none, with caller tools too", async () => {
    const key = uniqueKey("sim-empty-tool");
    const answer = await ask(key);
    expect(answer).toMatchObject({ text: "", toolCalls: [] });
    expect(answer.finishReason).toBe("tool_calls");
    expect(await requestsOf(sim.url, key)).toHaveLength(1);
  });
});
