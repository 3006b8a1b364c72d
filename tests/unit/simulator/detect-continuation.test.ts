import { describe, expect, it } from "vitest";

import { CONTINUE_INSTRUCTION } from "@/lib/providers/continuation";
import { instructedContinuation, prefillContinuation, type TPlainMessage } from "@/lib/simulator/detect-continuation";

const user = (text: string): TPlainMessage => ({ role: "user", text });
const assistant = (text: string): TPlainMessage => ({ role: "assistant", text });

describe("prefillContinuation (Anthropic)", () => {
  it("takes a final assistant message as the partial answer", () => {
    expect(prefillContinuation([user("hi"), assistant("Once upon")])).toEqual({ partial: "Once upon" });
  });

  it("finds nothing when the user spoke last", () => {
    expect(prefillContinuation([user("hi"), assistant("hello"), user("more")])).toBeUndefined();
  });
});

describe("instructedContinuation (OpenAI, Gemini)", () => {
  it("takes the assistant message before the exact instruction as the partial answer", () => {
    expect(instructedContinuation([user("hi"), assistant("Once upon"), user(CONTINUE_INSTRUCTION)])).toEqual({ partial: "Once upon" });
  });

  it.each([
    ["other words", [user("hi"), assistant("Once upon"), user("continue")]],
    ["the instruction with extra text", [user("hi"), assistant("Once upon"), user(`${CONTINUE_INSTRUCTION} Please.`)]],
    ["no partial answer before it", [user("hi"), user(CONTINUE_INSTRUCTION)]],
    ["a tool message before it", [user("hi"), { role: "other", text: "3" }, user(CONTINUE_INSTRUCTION)]],
    ["a prefill only", [user("hi"), assistant("Once upon")]],
  ] satisfies Array<[string, TPlainMessage[]]>)("finds nothing for %s", (_name, messages) => {
    expect(instructedContinuation(messages)).toBeUndefined();
  });
});
