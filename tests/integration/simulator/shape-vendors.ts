// The three wire formats as the shape tests see them: how to ask, and how to
// read text, tool calls, the finish and an error out of a stream event.
import type { TSimVendor } from "@/lib/simulator/stats";

import type { TFrame } from "./stream-reader";

export type TTestMessage = { role: "user" | "assistant"; text: string };
export type TAsk = { messages?: TTestMessage[]; stream: boolean; tools?: boolean };

export type TShapeVendor = {
  vendor: TSimVendor;
  model: string;
  path(stream: boolean): string;
  headers(key: string): Record<string, string>;
  body(ask: TAsk): unknown;
  text(frame: TFrame): string | undefined;
  toolName(frame: TFrame): string | undefined;
  finished(frame: TFrame): boolean;
  isError(frame: TFrame): boolean;
  // The answer text of a non-streaming JSON body.
  wholeText(json: unknown): string;
};

const HELLO: TTestMessage[] = [{ role: "user", text: "hello there" }];

// Loose views of the JSON each vendor sends; only what the tests read.
type TJson = {
  error?: unknown;
  type?: string;
  delta?: { type?: string; text?: string };
  content_block?: { type?: string; name?: string };
  content?: Array<{ type?: string; text?: string }>;
  choices?: Array<{
    delta?: { content?: string | null; tool_calls?: Array<{ function?: { name?: string } }> };
    message?: { content?: string | null };
    finish_reason?: string | null;
  }>;
  candidates?: Array<{ content?: { parts?: Array<{ text?: string; functionCall?: { name: string } }> }; finishReason?: string }>;
};

const json = (frame: TFrame): TJson => (frame.data === "[DONE]" ? {} : (JSON.parse(frame.data) as TJson));
const geminiParts = (data: TJson) => data.candidates?.[0]?.content?.parts ?? [];
const geminiText = (data: TJson) => geminiParts(data).flatMap((part) => (part.text === undefined ? [] : [part.text]));

export const openAiShape: TShapeVendor = {
  vendor: "openai",
  model: "gpt-4o-mini",
  path: () => "/openai/v1/chat/completions",
  headers: (key) => ({ authorization: `Bearer ${key}` }),
  body: ({ messages = HELLO, stream, tools }) => ({
    model: "gpt-4o-mini",
    stream,
    messages: messages.map((m) => ({ role: m.role, content: m.text })),
    ...(tools ? { tools: [{ type: "function", function: { name: "calculator", parameters: {} } }] } : {}),
  }),
  text: (frame) => json(frame).choices?.[0]?.delta?.content || undefined,
  toolName: (frame) => json(frame).choices?.[0]?.delta?.tool_calls?.[0]?.function?.name,
  finished: (frame) => frame.data === "[DONE]" || Boolean(json(frame).choices?.[0]?.finish_reason),
  isError: (frame) => json(frame).error !== undefined,
  wholeText: (body) => (body as TJson).choices?.[0]?.message?.content ?? "",
};

export const anthropicShape: TShapeVendor = {
  vendor: "anthropic",
  model: "claude-3-5-haiku-latest",
  path: () => "/anthropic/v1/messages",
  headers: (key) => ({ "x-api-key": key }),
  body: ({ messages = HELLO, stream, tools }) => ({
    model: "claude-3-5-haiku-latest",
    max_tokens: 100,
    stream,
    messages: messages.map((m) => ({ role: m.role, content: m.text })),
    ...(tools ? { tools: [{ name: "calculator", input_schema: { type: "object" } }] } : {}),
  }),
  text: (frame) => (frame.event === "content_block_delta" && json(frame).delta?.type === "text_delta" ? json(frame).delta?.text : undefined),
  toolName: (frame) => (frame.event === "content_block_start" ? json(frame).content_block?.name : undefined),
  finished: (frame) => frame.event === "message_delta" || frame.event === "message_stop",
  isError: (frame) => frame.event === "error",
  wholeText: (body) => ((body as TJson).content ?? []).map((block) => block.text ?? "").join(""),
};

export const geminiShape: TShapeVendor = {
  vendor: "google",
  model: "gemini-2.0-flash",
  path: (stream) => `/google/v1beta/models/gemini-2.0-flash:${stream ? "streamGenerateContent?alt=sse" : "generateContent"}`,
  headers: (key) => ({ "x-goog-api-key": key }),
  body: ({ messages = HELLO, tools }) => ({
    contents: messages.map((m) => ({ role: m.role === "assistant" ? "model" : "user", parts: [{ text: m.text }] })),
    ...(tools ? { tools: [{ functionDeclarations: [{ name: "calculator" }] }] } : {}),
  }),
  text: (frame) => {
    const texts = geminiText(json(frame));
    return texts.length ? texts.join("") : undefined;
  },
  toolName: (frame) => geminiParts(json(frame)).find((part) => part.functionCall)?.functionCall?.name,
  finished: (frame) => Boolean(json(frame).candidates?.[0]?.finishReason),
  isError: (frame) => json(frame).error !== undefined,
  wholeText: (body) => geminiText(body as TJson).join(""),
};

export const SHAPE_VENDORS = [openAiShape, anthropicShape, geminiShape];

export const texts = (vendor: TShapeVendor, frames: TFrame[]) => frames.flatMap((frame) => vendor.text(frame) ?? []);
export const textFrames = (vendor: TShapeVendor, frames: TFrame[]) => frames.filter((frame) => vendor.text(frame) !== undefined);

/** The c-word chunks a shaped key streams, as the brief defines them. */
export function expectedChunks(vendor: TShapeVendor, count: number, last = count): string[] {
  return Array.from({ length: count }, (_, i) => {
    const k = i + 1;
    const word = k === 1 ? `[${vendor.vendor}:${vendor.model}] c1` : `c${k}`;
    return word + (k === last ? "." : " ");
  });
}
