// The text answer in the response format the caller asked for: plain, a JSON
// object wrapping the sentence, or a value made from the caller's schema.
import type { TSimAnswer } from "./conversation";
import { brokenValue, sampleValue } from "./json-schema-sample";
import type { TSimResponseFormat } from "./turn";

export type TContent = Pick<TSimAnswer, "text" | "toolCalls" | "finish">;

export const textContent = (text: string): TContent => ({ text, toolCalls: [], finish: "stop" });

/**
 * One-line JSON with a space after each `:` and `,`, so it streams in
 * several chunks like any text: `{"answer": "hi", "n": [1, 2]}`. Newlines
 * inside strings are escaped by stringify, so every real one is layout.
 */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 1)
    .replace(/([{[])\n\s*/g, "$1")
    .replace(/\n\s*([}\]])/g, "$1")
    .replace(/\n\s*/g, " ");
}

/**
 * `sentence` as the format wants it; `broken` gives what a model that
 * ignores the format sends: no JSON at all for json_object, JSON that fails
 * the schema for json_schema.
 */
export function formattedAnswer(format: TSimResponseFormat, sentence: string, broken: boolean): TContent {
  switch (format.type) {
    case "text":
      return textContent(sentence);
    case "json_object":
      return textContent(broken ? sentence : compactJson({ answer: sentence }));
    case "json_schema": {
      const json = compactJson(broken ? brokenValue(format.schema) : sampleValue(format.schema));
      if (!format.viaTool) return textContent(json);
      return { text: "", toolCalls: [{ name: format.viaTool, arguments: json }], finish: "tool_calls" };
    }
  }
}
