// A request's tools and parameters as the turn's options, under the agent's
// two switches: callers' parameters on or off, callers' system text dropped
// or appended.
import { describe, expect, it } from "vitest";

import { toCallerOptions } from "@/lib/api/caller-options";
import { parseChatCompletionRequest } from "@/lib/api/read-request";

import { refusal } from "./refusal";

const USER = { role: "user", content: "Where is my order?" };
const LOOKUP = {
  type: "function",
  function: { name: "lookup_order", description: "Finds an order.", parameters: { type: "object", properties: { orderId: { type: "string" } } } },
};

const request = (fields: Record<string, unknown>) => parseChatCompletionRequest(JSON.stringify({ model: "bot", messages: [USER], ...fields }));
const open = { callerParams: true, callerSystem: "drop" } as const;
const closed = { callerParams: false, callerSystem: "drop" } as const;

describe("toCallerOptions with callers' parameters switched off", () => {
  const sent: Array<[string, unknown]> = [
    ["tools", [LOOKUP]],
    ["tool_choice", "auto"],
    ["parallel_tool_calls", true],
    ["temperature", 0.5],
    ["top_p", 0.5],
    ["max_tokens", 10],
    ["max_completion_tokens", 10],
    ["stop", "END"],
    ["seed", 1],
    ["response_format", { type: "json_object" }],
  ];

  it.each(sent)("refuses %s with a 400 naming it and the switch", (param, value) => {
    expect(refusal(() => toCallerOptions(request({ [param]: value }), closed, []))).toEqual({
      status: 400,
      type: "invalid_request_error",
      code: "invalid_value",
      param,
      message:
        `This agent does not accept callers' tools and parameters; remove '${param}' ` +
        `or turn on "Callers may send tools and parameters" on the agent's API tab.`,
    });
  });

  it("names the first of several sent parameters, in the order tools, tool_choice, ... response_format", () => {
    expect(refusal(() => toCallerOptions(request({ response_format: { type: "text" }, seed: 1, temperature: 1 }), closed, [])).param).toBe("temperature");
    expect(refusal(() => toCallerOptions(request({ temperature: 1, tools: [LOOKUP] }), closed, [])).param).toBe("tools");
  });

  it("still takes user and metadata, which say who asks, not how to answer", () => {
    expect(toCallerOptions(request({ user: "customer-9", metadata: { ticket: "T-1" } }), closed, [])).toEqual({
      tools: [],
      sampling: { user: "customer-9" },
      metadata: { ticket: "T-1" },
    });
  });

  it("takes a request that sends none of them, and it asks nothing of the turn", () => {
    expect(toCallerOptions(request({ temperature: null, tools: null }), closed, [])).toBeUndefined();
    expect(toCallerOptions(request({}), open, [])).toBeUndefined();
  });
});

describe("toCallerOptions with callers' parameters switched on", () => {
  it("maps the OpenAI fields to the turn's options", () => {
    const options = toCallerOptions(
      request({
        tools: [LOOKUP, { type: "function", function: { name: "ping" } }],
        tool_choice: { type: "function", function: { name: "ping" } },
        parallel_tool_calls: false,
        temperature: 0.2,
        top_p: 0.9,
        max_tokens: 50,
        stop: "END",
        seed: 4,
        user: "u1",
        response_format: { type: "json_schema", json_schema: { name: "order", description: "An order.", schema: { type: "object" }, strict: true } },
      }),
      open,
      ["calculator"],
    );
    expect(options).toEqual({
      tools: [
        { name: "lookup_order", description: "Finds an order.", parameters: LOOKUP.function.parameters },
        // A tool without parameters takes an empty object.
        { name: "ping", description: "", parameters: { type: "object", properties: {} } },
      ],
      toolChoice: { type: "tool", toolName: "ping" },
      responseFormat: { type: "json_schema", name: "order", description: "An order.", schema: { type: "object" }, strict: true },
      sampling: { temperature: 0.2, topP: 0.9, maxTokens: 50, stop: ["END"], seed: 4, user: "u1", parallelToolCalls: false },
    });
  });

  it("prefers max_completion_tokens to max_tokens", () => {
    expect(toCallerOptions(request({ max_tokens: 50, max_completion_tokens: 70 }), open, [])?.sampling).toEqual({ maxTokens: 70 });
  });

  it('keeps "required", "auto" and "none" as they are', () => {
    for (const choice of ["required", "auto", "none"] as const) {
      expect(toCallerOptions(request({ tools: [LOOKUP], tool_choice: choice }), open, [])?.toolChoice).toEqual({ type: choice });
    }
  });

  it("takes a json_schema without a schema as json_object, and keeps text and json_object", () => {
    expect(toCallerOptions(request({ response_format: { type: "json_schema", json_schema: { name: "any" } } }), open, [])?.responseFormat).toEqual({
      type: "json_object",
    });
    expect(toCallerOptions(request({ response_format: { type: "json_object" } }), open, [])?.responseFormat).toEqual({ type: "json_object" });
    expect(toCallerOptions(request({ response_format: { type: "text" } }), open, [])?.responseFormat).toEqual({ type: "text" });
  });

  it("refuses a tool named like one of the agent's enabled built-in tools, naming that tool's name", () => {
    const calculator = { type: "function", function: { name: "calculator" } };
    expect(refusal(() => toCallerOptions(request({ tools: [LOOKUP, calculator] }), open, ["current_time", "calculator"]))).toMatchObject({
      status: 400,
      param: "tools[1].function.name",
      message: `"calculator" is the name of one of the agent's built-in tools; give your tool another name.`,
    });
    // A built-in tool the agent has not switched on leaves the name free.
    expect(toCallerOptions(request({ tools: [calculator] }), open, ["current_time"])?.tools.map((each) => each.name)).toEqual(["calculator"]);
  });
});

describe("toCallerOptions and callers' system messages", () => {
  const messages = [
    { role: "system", content: "Answer in French." },
    USER,
    {
      role: "developer",
      content: [
        { type: "text", text: "Be brief." },
        { type: "text", text: "No emoji." },
      ],
    },
    { role: "system", content: "" },
    { role: "system", content: null },
  ];

  it("collects system and developer text, in order, when the agent appends it", () => {
    const options = toCallerOptions(request({ messages: [...messages, USER] }), { callerParams: false, callerSystem: "append" }, []);
    expect(options).toEqual({ tools: [], sampling: {}, system: "Answer in French.\n\nBe brief.\nNo emoji." });
  });

  it("drops it when the agent drops it", () => {
    expect(toCallerOptions(request({ messages: [...messages, USER] }), { callerParams: true, callerSystem: "drop" }, [])).toBeUndefined();
  });
});
