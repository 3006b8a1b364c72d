import { describe, expect, it } from "vitest";

import { brokenToolCall, pickToolCalls } from "@/lib/simulator/pick-tool-calls";
import type { TSimTool } from "@/lib/simulator/turn";

import { simTurn } from "./sim-turn";

const weather: TSimTool = { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };
const order: TSimTool = { name: "lookup_order", parameters: { type: "object", properties: { id: { type: "integer", minimum: 10 } } } };
const calculator: TSimTool = { name: "calculator", parameters: { type: "object", properties: { expression: { type: "string" } }, required: ["expression"] } };
const callers = [weather, order];
const names = (calls: Array<{ name: string }>) => calls.map((call) => call.name);

describe("pickToolCalls with caller tools", () => {
  it("calls each caller tool once per user message, in the order offered, one per response", () => {
    expect(pickToolCalls(simTurn({ tools: callers }))).toEqual([{ name: "get_weather", arguments: '{"city":"sample"}' }]);
    expect(pickToolCalls(simTurn({ tools: callers, calledTools: ["get_weather"] }))).toEqual([{ name: "lookup_order", arguments: '{"id":10}' }]);
    expect(pickToolCalls(simTurn({ tools: callers, calledTools: ["get_weather", "lookup_order"] }))).toEqual([]);
  });

  it("calls every caller tool not yet called at once when the user says 'in parallel'", () => {
    expect(
      names(pickToolCalls(simTurn({ tools: [...callers, { ...weather, name: "third" }], lastUserText: "do it In Parallel", calledTools: ["get_weather"] }))),
    ).toEqual(["lookup_order", "third"]);
  });

  it("calls one at a time when parallel calls are disabled, whatever the user says", () => {
    expect(names(pickToolCalls(simTurn({ tools: callers, lastUserText: "in parallel please", parallelToolCalls: false })))).toEqual(["get_weather"]);
  });

  it("calls nothing under tool choice none", () => {
    expect(pickToolCalls(simTurn({ tools: callers, toolChoice: { type: "none" }, lastUserText: "calculate 1+1" }))).toEqual([]);
  });

  it("always calls a named tool, even one already called", () => {
    const turn = simTurn({ tools: callers, toolChoice: { type: "tool", name: "lookup_order" }, calledTools: ["get_weather", "lookup_order"] });
    expect(names(pickToolCalls(turn))).toEqual(["lookup_order"]);
  });

  it("gives a named built-in the arguments the user's words give", () => {
    const turn = simTurn({ tools: [calculator], toolChoice: { type: "tool", name: "calculator" }, lastUserText: "calculate 2*3" });
    expect(pickToolCalls(turn)).toEqual([{ name: "calculator", arguments: '{"expression":"2*3"}' }]);
    expect(pickToolCalls({ ...turn, lastUserText: "hi" })).toEqual([{ name: "calculator", arguments: '{"expression":"sample"}' }]);
  });

  it("under required calls the next tool not yet called, else the first", () => {
    expect(names(pickToolCalls(simTurn({ tools: callers, toolChoice: { type: "required" }, calledTools: ["get_weather"] })))).toEqual(["lookup_order"]);
    expect(names(pickToolCalls(simTurn({ tools: callers, toolChoice: { type: "required" }, calledTools: ["get_weather", "lookup_order"] })))).toEqual([
      "get_weather",
    ]);
    expect(names(pickToolCalls(simTurn({ tools: ["current_time", "calculator"], toolChoice: { type: "required" } })))).toEqual(["current_time"]);
  });

  it("calls a triggered built-in before the caller tools, and only once", () => {
    const turn = simTurn({ tools: [calculator, ...callers], lastUserText: "calculate 6*7" });
    expect(pickToolCalls(turn)).toEqual([{ name: "calculator", arguments: '{"expression":"6*7"}' }]);
    expect(names(pickToolCalls({ ...turn, calledTools: ["calculator"] }))).toEqual(["get_weather"]);
  });

  it("calls nothing when continuing an answer", () => {
    expect(pickToolCalls(simTurn({ tools: callers, continuing: { partial: "It is" } }))).toEqual([]);
  });
});

describe("pickToolCalls with only the built-in tools", () => {
  it("keeps the trigger phrases", () => {
    expect(pickToolCalls(simTurn({ tools: ["current_time", "calculator"], lastUserText: "Hey, what time is it?" }))).toEqual([
      { name: "current_time", arguments: "{}" },
    ]);
    expect(pickToolCalls(simTurn({ tools: ["current_time", calculator], lastUserText: "Please calculate 6*7?" }))).toEqual([
      { name: "calculator", arguments: '{"expression":"6*7"}' },
    ]);
    expect(pickToolCalls(simTurn({ tools: ["current_time", "calculator"], lastUserText: "hello" }))).toEqual([]);
  });
});

describe("brokenToolCall", () => {
  it("calls the first caller tool with its required properties left out", () => {
    expect(brokenToolCall(simTurn({ tools: [calculator, ...callers] }), false)).toEqual({ name: "get_weather", arguments: "{}" });
  });

  it("calls the forced caller tool, with a wrong type when nothing is required", () => {
    expect(brokenToolCall(simTurn({ tools: callers, toolChoice: { type: "tool", name: "lookup_order" } }), false)).toEqual({
      name: "lookup_order",
      arguments: '{"id":"sample"}',
    });
  });

  it("sends unparseable arguments without caller tools, or when asked for broken JSON", () => {
    const garbled = { name: "calculator", arguments: '{"expression": "2 + ' };
    expect(brokenToolCall(simTurn({ tools: [calculator] }), false)).toEqual(garbled);
    expect(brokenToolCall(simTurn({ tools: [calculator, ...callers] }), true)).toEqual(garbled);
  });
});
