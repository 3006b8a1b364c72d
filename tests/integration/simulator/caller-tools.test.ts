// Callers' own tools through the real AI SDK adapters: each tool called in
// turn with arguments its schema accepts, then one answer naming every
// result; tool choice and parallel calls as each vendor's wire carries them.
import Ajv from "ajv";
import { describe, expect, it } from "vitest";

import type { TToolCall } from "@/lib/providers/types";

import { callModel, functionTool, requestsOf, type TModelCall, toolRound, userSays } from "./model-call";
import { MODELS, SIM_VENDOR, uniqueKey, useSimulator } from "./sim-client";

const sim = useSimulator();

const ajv = new Ajv();
const WEATHER = { type: "object", properties: { city: { type: "string" }, unit: { type: "string", enum: ["C", "F"] } }, required: ["city", "unit"] };
const ORDER = { type: "object", properties: { id: { type: "integer", minimum: 1000 }, express: { type: "boolean" } }, required: ["id"] };
const tools = [functionTool("get_weather", WEATHER), functionTool("lookup_order", ORDER)];
const SCHEMAS: Record<string, object> = { get_weather: WEATHER, lookup_order: ORDER };
const RESULTS: Record<string, string> = { get_weather: "sunny", lookup_order: "shipped" };

const names = (calls: TToolCall[]) => calls.map((call) => call.name);
const result = (call: TToolCall) => RESULTS[call.name] ?? "?";
const argumentsValid = (call: TToolCall) => ajv.validate(SCHEMAS[call.name] ?? {}, JSON.parse(call.arguments));

describe.each(["openai", "anthropic", "google", "openrouter"] as const)("caller tools on %s", (vendor) => {
  const who = `[${SIM_VENDOR[vendor]}:${MODELS[vendor]}]`;
  const ask = (key: string, prompt: TModelCall["prompt"], over: TModelCall = {}) => callModel(sim.url, vendor, key, { prompt, tools, ...over });

  it("calls each caller tool in turn with valid arguments, then names every result", async () => {
    const key = uniqueKey("sim-ok");
    const question = [userSays("What is the weather, and where is my order?")];
    const first = await ask(key, question);
    expect(first.finishReason).toBe("tool_calls");
    expect(names(first.toolCalls)).toEqual(["get_weather"]);
    expect(first.toolCalls.every(argumentsValid)).toBe(true);

    const afterWeather = [...question, ...toolRound(first.toolCalls, result)];
    const second = await ask(key, afterWeather);
    expect(names(second.toolCalls)).toEqual(["lookup_order"]);
    expect(second.toolCalls.every(argumentsValid)).toBe(true);

    const third = await ask(key, [...afterWeather, ...toolRound(second.toolCalls, result)]);
    expect(third).toMatchObject({ toolCalls: [], finishReason: "stop" });
    expect(third.text).toBe(`${who} The get_weather tool returned: sunny. The lookup_order tool returned: shipped.`);
  });

  it("calls every caller tool in one response when the user says 'in parallel'", async () => {
    const key = uniqueKey("sim-ok");
    const question = [userSays("Check both in parallel")];
    const first = await ask(key, question);
    expect(names(first.toolCalls)).toEqual(["get_weather", "lookup_order"]);
    expect(new Set(first.toolCalls.map((call) => call.id)).size).toBe(2);
    const answer = await ask(key, [...question, ...toolRound(first.toolCalls, result)]);
    expect(answer.text).toBe(`${who} The get_weather tool returned: sunny. The lookup_order tool returned: shipped.`);
  });

  it("calls the named tool of a named tool choice", async () => {
    const { toolCalls } = await ask(uniqueKey("sim-ok"), [userSays("hi")], { toolChoice: { type: "tool", toolName: "lookup_order" } });
    expect(names(toolCalls)).toEqual(["lookup_order"]);
  });

  it("calls a tool again under required once all were called", async () => {
    const key = uniqueKey("sim-ok");
    const question = [userSays("Check both in parallel")];
    const first = await ask(key, question);
    const again = await ask(key, [...question, ...toolRound(first.toolCalls, result)], { toolChoice: { type: "required" } });
    expect(again.finishReason).toBe("tool_calls");
    expect(names(again.toolCalls)).toEqual(["get_weather"]);
  });

  it("calls nothing under tool choice none", async () => {
    const answer = await ask(uniqueKey("sim-ok"), [userSays("hello")], { toolChoice: { type: "none" } });
    expect(answer).toMatchObject({ text: `${who} You said: hello`, toolCalls: [], finishReason: "stop" });
  });
});

describe.each([
  ["openai", { openai: { parallelToolCalls: false } }, { parallel_tool_calls: false }],
  ["anthropic", { anthropic: { disableParallelToolUse: true } }, { tool_choice: { type: "auto", disable_parallel_tool_use: true } }],
] as const)("parallel calls disabled on %s", (vendor, providerOptions, wire) => {
  it("calls one tool at a time even when the user says 'in parallel'", async () => {
    const key = uniqueKey("sim-ok");
    const { toolCalls } = await callModel(sim.url, vendor, key, {
      prompt: [userSays("Check both in parallel")],
      tools,
      toolChoice: { type: "auto" },
      providerOptions,
    });
    expect(names(toolCalls)).toEqual(["get_weather"]);
    expect((await requestsOf(sim.url, key))[0]).toMatchObject(wire);
  });
});
