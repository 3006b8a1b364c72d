// Requests that carry the results of tool calls the agent handed back, with
// the whole history or in a stored conversation.
import { describe, expect, it } from "vitest";

import { parseChatCompletionRequest } from "@/lib/api/read-request";
import { toTurnMessages } from "@/lib/api/to-turn-messages";

import { refusal } from "./refusal";

const USER = { role: "user", content: "Where are orders A and B?" };
const call = (id: string, orderId: string) => ({ id, type: "function", function: { name: "lookup_order", arguments: JSON.stringify({ orderId }) } });
const calling = (...calls: unknown[]) => ({ role: "assistant", content: null, tool_calls: calls });
const result = (id: string, content: string) => ({ role: "tool", tool_call_id: id, content });

const turnMessages = (messages: unknown[], options: { continuing: boolean; storedToolCalls?: Map<string, string> }) =>
  toTurnMessages(parseChatCompletionRequest(JSON.stringify({ model: "bot", messages })).messages, options);

const turnCall = (id: string, orderId: string) => ({ id, name: "lookup_order", arguments: JSON.stringify({ orderId }) });
const toolMessage = (toolCallId: string, content: string) => ({ role: "tool", toolCallId, toolName: "lookup_order", content });

describe("toTurnMessages with the whole history", () => {
  it("takes a request that ends with the results of the last answer's calls, naming each result's tool", () => {
    const messages = turnMessages(
      [{ role: "system", content: "x" }, USER, calling(call("c1", "A"), call("c2", "B")), result("c2", "in transit"), result("c1", "shipped")],
      { continuing: false },
    );

    expect(messages).toEqual([
      { role: "user", content: "Where are orders A and B?" },
      { role: "assistant", content: "", toolCalls: [turnCall("c1", "A"), turnCall("c2", "B")] },
      toolMessage("c2", "in transit"),
      toolMessage("c1", "shipped"),
    ]);
  });

  it("refuses an assistant tool call that no tool message answers, naming the assistant message", () => {
    const error = refusal(() => turnMessages([USER, calling(call("c1", "A"), call("c2", "B")), result("c1", "shipped")], { continuing: false }));

    expect(error).toEqual({
      status: 400,
      type: "invalid_request_error",
      code: "invalid_value",
      param: "messages[1].tool_calls",
      message: 'Tool call "c2" has no tool message answering it; send one right after this assistant message.',
    });
  });

  it("refuses a call answered only after another message came in between", () => {
    const history = [USER, calling(call("c1", "A")), { role: "user", content: "Hurry" }, result("c1", "shipped")];

    expect(refusal(() => turnMessages(history, { continuing: false })).param).toBe("messages[1].tool_calls");
  });

  it("refuses an unanswered call earlier in the history too, counting system messages in the index", () => {
    const history = [
      { role: "system", content: "x" },
      USER,
      calling(call("c1", "A")),
      { role: "assistant", content: "Done." },
      { role: "user", content: "Thanks" },
    ];

    expect(refusal(() => turnMessages(history, { continuing: false })).param).toBe("messages[2].tool_calls");
  });

  it("refuses a history that ends with the assistant", () => {
    expect(refusal(() => turnMessages([USER, calling(call("c1", "A"))], { continuing: false })).param).toBe("messages");
  });
});

describe("toTurnMessages in a stored conversation", () => {
  it("appends only the trailing tool results, naming their tools from the stored calls", () => {
    const stored = new Map([
      ["c1", "lookup_order"],
      ["c2", "lookup_order"],
    ]);

    const messages = turnMessages([result("c1", "shipped"), result("c2", "in transit")], { continuing: true, storedToolCalls: stored });

    expect(messages).toEqual([toolMessage("c1", "shipped"), toolMessage("c2", "in transit")]);
  });

  it("appends only the results when the request repeats the history, naming tools from its assistant message", () => {
    const messages = turnMessages([USER, calling(call("c1", "A")), result("c1", "shipped")], { continuing: true });

    expect(messages).toEqual([toolMessage("c1", "shipped")]);
  });

  it("appends only the user's message when it follows the results", () => {
    const messages = turnMessages([USER, calling(call("c1", "A")), result("c1", "shipped"), { role: "user", content: "And B?" }], { continuing: true });

    expect(messages).toEqual([{ role: "user", content: "And B?" }]);
  });

  it("refuses a result that answers no call it knows of", () => {
    const error = refusal(() =>
      turnMessages([result("c1", "shipped"), result("c9", "?")], { continuing: true, storedToolCalls: new Map([["c1", "lookup_order"]]) }),
    );

    expect(error).toMatchObject({
      status: 400,
      param: "messages[1].tool_call_id",
      message: "A tool message must answer a tool call of an earlier assistant message.",
    });
  });
});

describe("toTurnMessages with images", () => {
  it("keeps a user message's images next to its text", () => {
    const content = [
      { type: "text", text: "What is this?" },
      { type: "image_url", image_url: { url: "https://example.com/a.png", detail: "low" } },
      { type: "text", text: "And this?" },
      { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
    ];

    expect(turnMessages([{ role: "user", content }], { continuing: false })).toEqual([
      { role: "user", content: "What is this?\nAnd this?", images: [{ url: "https://example.com/a.png" }, { url: "data:image/png;base64,iVBORw0KGgo=" }] },
    ]);
  });
});
