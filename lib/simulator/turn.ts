// What the simulated model knows of a request, vendor-neutral: each vendor
// module reduces its wire format to a TSimTurn (history as THistoryMessage[],
// tools, choice and format already mapped) and the model answers from it.
import { CONTINUE_INSTRUCTION } from "../providers/continuation";
import type { TContinuing, TPlainMessage } from "./detect-continuation";

export type TJsonSchema = Record<string, unknown>;

// A function tool the caller offers, with the JSON Schema of its arguments.
export type TSimTool = { name: string; parameters: TJsonSchema };

// Which tools the model may or must call, whatever each vendor calls it.
export type TSimToolChoice = { type: "auto" } | { type: "none" } | { type: "required" } | { type: "tool"; name: string };

// The shape the text answer must have. `viaTool` names the tool a
// json_schema answer is delivered through, when the caller asked for it that
// way (the AI SDK's Anthropic adapter does, for models without native
// structured output: a forced tool named "json").
export type TSimResponseFormat = { type: "text" } | { type: "json_object" } | { type: "json_schema"; schema: TJsonSchema; viaTool?: string };

export type TSimToolResult = { name: string; content: string };

/** A message reduced to what the model reads; tool results and images only where present. */
export type THistoryMessage = TPlainMessage & { images?: number; toolCalls?: string[]; toolResults?: TSimToolResult[] };

export type TSimTurn = {
  model: string;
  stream: boolean;
  // OpenAI only sends usage in a stream when asked (stream_options.include_usage).
  includeUsage: boolean;
  // The last real user message: never the continuation instruction nor a bare tool result.
  lastUserText: string;
  // Images attached to that message.
  images: number;
  // Set when the request asks to finish an answer another provider broke off.
  continuing?: TContinuing;
  tools: TSimTool[];
  toolNames: string[];
  toolChoice: TSimToolChoice;
  // False when the caller forbade several calls in one response.
  parallelToolCalls: boolean;
  responseFormat: TSimResponseFormat;
  // Tools called, and their results, since the last user message.
  calledTools: string[];
  toolResults: TSimToolResult[];
  promptWords: number;
  // The caller's cap on output tokens (max_tokens, maxOutputTokens), if any.
  maxTokens?: number;
};

// Anthropic and Gemini carry tool results in user turns; those are not the
// user speaking, and neither is Understudy's instruction to continue.
function isUserSpeaking(message: THistoryMessage): boolean {
  if (message.role !== "user" || message.text === CONTINUE_INSTRUCTION) return false;
  return !message.toolResults?.length || message.text !== "" || (message.images ?? 0) > 0;
}

type THistoryFacts = Pick<TSimTurn, "lastUserText" | "images" | "calledTools" | "toolResults">;

/** What the model needs from the history: the user's last message and the tool work done since. */
export function readHistory(messages: THistoryMessage[]): THistoryFacts {
  const lastUser = messages.findLastIndex(isUserSpeaking);
  const since = messages.slice(lastUser + 1);
  return {
    lastUserText: messages[lastUser]?.text ?? "",
    images: messages[lastUser]?.images ?? 0,
    calledTools: since.flatMap((m) => m.toolCalls ?? []),
    toolResults: since.flatMap((m) => m.toolResults ?? []),
  };
}

type TTurnParts = Omit<TSimTurn, keyof THistoryFacts | "toolNames" | "continuing" | "maxTokens"> & {
  maxTokens: number | null | undefined;
  history: THistoryMessage[];
  continuing: TContinuing | undefined;
};

export function buildTurn({ history, continuing, maxTokens, ...parts }: TTurnParts): TSimTurn {
  return {
    ...parts,
    ...readHistory(history),
    ...(continuing ? { continuing } : {}),
    ...(maxTokens == null ? {} : { maxTokens }),
    toolNames: parts.tools.map((tool) => tool.name),
  };
}

/** The JSON-typed value of a request field that should hold a schema object. */
export function asSchema(value: unknown): TJsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as TJsonSchema) : {};
}
