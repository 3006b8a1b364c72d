import { describe, expect, it } from "vitest";

import { answerTurn, shapedAnswer } from "@/lib/simulator/conversation";
import type { TStreamShape } from "@/lib/simulator/stream-shape";

import { simTurn, type TTurnOver } from "./sim-turn";

const turn = (over: TTurnOver = {}) => simTurn({ tools: ["calculator", "current_time"], ...over });
// The conversation after the model called the calculator and got 6 back.
const afterCalculator = { calledTools: ["calculator"], toolResults: [{ name: "calculator", content: "6" }] };
const chunks3: TStreamShape = { end: "finish", chunks: 3, ms: 10, padBytes: 0 };

describe("shapedAnswer", () => {
  it("answers the c-word chunks, text and chunks agreeing", () => {
    const answer = shapedAnswer(turn(), "openai", chunks3);
    expect(answer.chunks).toEqual(["[openai:m] c1 ", "c2 ", "c3."]);
    expect(answer.text).toBe("[openai:m] c1 c2 c3.");
    expect(answer).toMatchObject({ finish: "stop", toolCalls: [], outputTokens: 4 });
  });

  it("adds the tool call the model would make after its chunks", () => {
    const answer = shapedAnswer(turn({ lastUserText: "calculate 2*3" }), "anthropic", chunks3);
    expect(answer.chunks).toHaveLength(3);
    expect(answer).toMatchObject({ finish: "tool_calls", toolCalls: [{ name: "calculator", arguments: '{"expression":"2*3"}' }] });
  });

  it("calls the next caller tool after its chunks, as a healthy model would", () => {
    const order = { name: "lookup_order", parameters: { type: "object", properties: { id: { type: "string" } } } };
    const answer = shapedAnswer(turn({ tools: ["get_weather", order], calledTools: ["get_weather"] }), "openai", chunks3);
    expect(answer.chunks).toHaveLength(3);
    expect(answer).toMatchObject({ finish: "tool_calls", toolCalls: [{ name: "lookup_order", arguments: '{"id":"sample"}' }] });
  });

  it("answers the usual tool-result sentence, chunked as usual, after a tool result", () => {
    const answer = shapedAnswer(turn(afterCalculator), "google", chunks3);
    expect(answer.text).toBe("[google:m] The calculator tool returned: 6");
    expect(answer.chunks.join("")).toBe(answer.text);
  });

  it("keeps the c-words of a broken shape even after a tool result", () => {
    const answer = shapedAnswer(turn(afterCalculator), "google", { ...chunks3, end: "cut" });
    expect(answer.chunks.slice(0, 2)).toEqual(["[google:m] c1 ", "c2 "]);
  });

  it("calls no tool for a continuation, even of a message that asked for one", () => {
    const answer = shapedAnswer(turn({ lastUserText: "calculate 2*3", continuing: { partial: "x" } }), "openai", chunks3);
    expect(answer.toolCalls).toEqual([]);
    expect(answer.chunks).toHaveLength(3);
  });

  it("continues the numbering of a partial answer instead of starting over", () => {
    const answer = shapedAnswer(turn({ continuing: { partial: "[openai:m] c1 c2 c3 c4 c5" } }), "openai", { ...chunks3, chunks: 8 });
    expect(answer.text).toBe("c6 c7 c8.");
  });

  it("a broken shape asked to continue breaks again after its n more pieces", () => {
    const answer = shapedAnswer(turn({ continuing: { partial: "[openai:m] c1 c2 " } }), "openai", { ...chunks3, end: "cut", chunks: 2 });
    expect(answer.chunks.slice(0, 2)).toEqual(["c3 ", "c4 "]);
  });
});

describe("answerTurn for a continuation", () => {
  it("continues the answer instead of repeating the user", () => {
    const answer = answerTurn(turn({ lastUserText: "what time is it", continuing: { partial: "It is" } }), "openai", "normal");
    expect(answer).toMatchObject({ text: "[openai:m] continues the answer.", toolCalls: [], finish: "stop" });
    expect(answer.chunks.join("")).toBe(answer.text);
  });
});
