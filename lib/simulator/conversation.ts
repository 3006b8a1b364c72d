// The simulated model itself, vendor-neutral: each vendor module reduces its
// request to a TSimTurn and renders the TSimAnswer in its own wire format.
import type { TAnswerVariant } from "./behaviours";
import type { TSimVendor } from "./stats";
import { nextChunkNumber, shapeChunks, type TStreamShape } from "./stream-shape";

export type TSimTurn = {
  model: string;
  stream: boolean;
  // OpenAI only sends usage in a stream when asked (stream_options.include_usage).
  includeUsage: boolean;
  // The last real user message: never the continuation instruction.
  lastUserText: string;
  // Set when the request asks to finish an answer another provider broke off.
  continuing?: { partial: string };
  // Set when the conversation ends with a tool result the model must use.
  lastToolResult?: { name: string; content: string };
  toolNames: string[];
  promptWords: number;
};

export type TSimToolCall = { name: string; arguments: string };

export type TSimAnswer = {
  text: string;
  // The text as it is streamed; concatenated, it is `text`.
  chunks: string[];
  toolCalls: TSimToolCall[];
  finish: "stop" | "tool_calls" | "filter";
  inputTokens: number;
  outputTokens: number;
};

type TContent = Pick<TSimAnswer, "text" | "toolCalls" | "finish">;

// A model asked to continue just continues: the pick of a tool belongs to
// the turn that was broken off, not to its continuation.
const CONTINUED = "continues the answer.";

// Truncated on purpose: it is what "arguments that are not valid JSON" look
// like when a model's output is cut or garbled.
const BROKEN_ARGUMENTS = '{"expression": "2 + ';

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function pickToolCall(turn: TSimTurn): TSimToolCall | undefined {
  if (turn.continuing) return undefined;
  const text = turn.lastUserText.toLowerCase();
  if (text.includes("what time is it") && turn.toolNames.includes("current_time")) {
    return { name: "current_time", arguments: "{}" };
  }
  const calc = /calculate\s+(.+)/i.exec(turn.lastUserText);
  if (calc?.[1] && turn.toolNames.includes("calculator")) {
    const expression = calc[1].trim().replace(/[?.!]+$/, "");
    return { name: "calculator", arguments: JSON.stringify({ expression }) };
  }
  return undefined;
}

function normalAnswer(turn: TSimTurn, vendor: TSimVendor): TContent {
  const who = `[${vendor}:${turn.model}]`;
  if (turn.lastToolResult) {
    const { name, content } = turn.lastToolResult;
    return { text: `${who} The ${name} tool returned: ${content}`, toolCalls: [], finish: "stop" };
  }
  if (turn.continuing) return { text: `${who} ${CONTINUED}`, toolCalls: [], finish: "stop" };
  const call = pickToolCall(turn);
  if (call) return { text: "", toolCalls: [call], finish: "tool_calls" };
  return { text: `${who} You said: ${turn.lastUserText}`, toolCalls: [], finish: "stop" };
}

function content(turn: TSimTurn, vendor: TSimVendor, variant: TAnswerVariant): TContent {
  switch (variant) {
    case "normal":
      return normalAnswer(turn, vendor);
    case "empty":
      return { text: "", toolCalls: [], finish: "stop" };
    case "empty_tool":
      return { text: "", toolCalls: [], finish: "tool_calls" };
    case "bad_json_tool":
      return { text: "", toolCalls: [{ name: turn.toolNames[0] ?? "calculator", arguments: BROKEN_ARGUMENTS }], finish: "tool_calls" };
    case "filter":
      return { text: "", toolCalls: [], finish: "filter" };
  }
}

// An answer before usage is counted; textWords comes with it because a
// shaped answer knows its count without splitting megabytes of text.
type TDraft = TContent & { chunks: string[]; textWords: number };

function withUsage(turn: TSimTurn, { textWords, ...answer }: TDraft): TSimAnswer {
  const outputWords = textWords + answer.toolCalls.reduce((n, call) => n + countWords(call.arguments), 0);
  return { ...answer, inputTokens: Math.max(1, turn.promptWords), outputTokens: outputWords };
}

export function answerTurn(turn: TSimTurn, vendor: TSimVendor, variant: TAnswerVariant): TSimAnswer {
  const answer = content(turn, vendor, variant);
  return withUsage(turn, { ...answer, chunks: chunkText(answer.text), textWords: countWords(answer.text) });
}

/**
 * The answer under a stream-shape key: the shape's c-word chunks, then the
 * tool call the model would make anyway. After a tool result a healthy shape
 * answers the usual tool-result sentence; a broken one keeps its c-words, so
 * it still breaks after exactly the chunks its key names.
 */
export function shapedAnswer(turn: TSimTurn, vendor: TSimVendor, shape: TStreamShape): TSimAnswer {
  if (turn.lastToolResult && shape.end === "finish") return answerTurn(turn, vendor, "normal");
  const from = turn.continuing ? nextChunkNumber(turn.continuing.partial) : 1;
  const { chunks, words } = shapeChunks(shape, `[${vendor}:${turn.model}]`, from);
  const call = turn.lastToolResult ? undefined : pickToolCall(turn);
  const toolCalls = call ? [call] : [];
  return withUsage(turn, { text: chunks.join(""), chunks, toolCalls, finish: call ? "tool_calls" : "stop", textWords: words });
}

// Splits text into stream-sized pieces that concatenate back to the original.
export function chunkText(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}
