import { describe, expect, it } from "vitest";

import { CONTINUE_INSTRUCTION } from "@/lib/providers/continuation";
import { readHistory, type THistoryMessage } from "@/lib/simulator/turn";

const user = (text: string, over: Partial<THistoryMessage> = {}): THistoryMessage => ({ role: "user", text, ...over });
const assistant = (text: string, toolCalls: string[] = []): THistoryMessage => ({ role: "assistant", text, toolCalls });
const results = (role: THistoryMessage["role"], ...names: string[]): THistoryMessage => ({
  role,
  text: "",
  toolResults: names.map((name) => ({ name, content: `${name} done` })),
});

describe("readHistory", () => {
  it("skips the instruction to continue, which is Understudy's, not the user's", () => {
    expect(readHistory([user("what time is it"), assistant("It is"), user(CONTINUE_INSTRUCTION)]).lastUserText).toBe("what time is it");
  });

  it("is empty when the user never spoke", () => {
    expect(readHistory([assistant("b")])).toEqual({ lastUserText: "", images: 0, calledTools: [], toolResults: [] });
  });

  it("takes a user turn holding only tool results (Anthropic, Gemini) for tool work, not for the user speaking", () => {
    const facts = readHistory([
      user("weather and order", { images: 2 }),
      assistant("", ["get_weather"]),
      results("user", "get_weather"),
      assistant("", ["lookup_order"]),
      results("user", "lookup_order"),
    ]);
    expect(facts).toEqual({
      lastUserText: "weather and order",
      images: 2,
      calledTools: ["get_weather", "lookup_order"],
      toolResults: [
        { name: "get_weather", content: "get_weather done" },
        { name: "lookup_order", content: "lookup_order done" },
      ],
    });
  });

  it("forgets the tool work of earlier user messages", () => {
    const facts = readHistory([user("first"), assistant("", ["get_weather"]), results("other", "get_weather"), assistant("sunny"), user("second")]);
    expect(facts).toMatchObject({ lastUserText: "second", calledTools: [], toolResults: [] });
  });
});
