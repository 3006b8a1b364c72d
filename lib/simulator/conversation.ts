// The simulated model itself, vendor-neutral: each vendor module reduces its
// request to a TSimTurn (turn.ts) and renders the TSimAnswer in its own wire format.
import type { TAnswerVariant } from "./behaviours";
import { formattedAnswer, type TContent, textContent } from "./format-answer";
import { brokenToolCall, pickToolCalls, type TSimToolCall } from "./pick-tool-calls";
import type { TSimVendor } from "./stats";
import { nextChunkNumber, shapeChunks, type TStreamShape } from "./stream-shape";
import type { TSimToolResult, TSimTurn } from "./turn";

export type TSimAnswer = {
  text: string;
  // The text as it is streamed; concatenated, it is `text`.
  chunks: string[];
  toolCalls: TSimToolCall[];
  // length: the caller's output token cap cut the text (see capped).
  finish: "stop" | "tool_calls" | "filter" | "length";
  inputTokens: number;
  outputTokens: number;
};

// A model asked to continue just continues: the pick of a tool belongs to
// the turn that was broken off, not to its continuation.
const CONTINUED = "continues the answer.";

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

// One result reads as one sentence without a period (as it always has);
// several read as sentences, each closed.
function resultsText(results: TSimToolResult[]): string {
  const sentences = results.map(({ name, content }) => `The ${name} tool returned: ${content}`);
  return sentences.length === 1 ? (sentences[0] ?? "") : sentences.map((s) => `${s}.`).join(" ");
}

function sentence(turn: TSimTurn, who: string): string {
  if (turn.toolResults.length) return `${who} ${resultsText(turn.toolResults)}`;
  const images = turn.images ? ` [${turn.images} image${turn.images === 1 ? "" : "s"}]` : "";
  return `${who} You said: ${turn.lastUserText}${images}`;
}

// A healthy model; brokenFormat makes it ignore the response format.
function healthyAnswer(turn: TSimTurn, vendor: TSimVendor, brokenFormat: boolean): TContent {
  const who = `[${vendor}:${turn.model}]`;
  if (turn.continuing) return textContent(`${who} ${CONTINUED}`);
  const toolCalls = pickToolCalls(turn);
  if (toolCalls.length) return { text: "", toolCalls, finish: "tool_calls" };
  return formattedAnswer(turn.responseFormat, sentence(turn, who), brokenFormat);
}

function content(turn: TSimTurn, vendor: TSimVendor, variant: TAnswerVariant): TContent {
  switch (variant) {
    case "normal":
      return healthyAnswer(turn, vendor, false);
    case "bad_format":
      return healthyAnswer(turn, vendor, true);
    case "empty":
      return textContent("");
    case "empty_tool":
      return { text: "", toolCalls: [], finish: "tool_calls" };
    case "bad_json_tool":
    case "bad_args_tool":
      return { text: "", toolCalls: [brokenToolCall(turn, variant === "bad_json_tool")], finish: "tool_calls" };
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

// A text answer longer than the caller's output token cap (a word counts as
// a token) stops at the cap, as a model does, with the finish saying so.
// Shaped answers are not capped: their key promises a chunk count.
function capped(turn: TSimTurn, answer: TContent): TDraft {
  const chunks = chunkText(answer.text);
  if (turn.maxTokens === undefined || answer.toolCalls.length || chunks.length <= turn.maxTokens) {
    return { ...answer, chunks, textWords: countWords(answer.text) };
  }
  const kept = chunks.slice(0, turn.maxTokens);
  const text = kept.join("");
  return { text, chunks: kept, toolCalls: [], finish: "length", textWords: countWords(text) };
}

export function answerTurn(turn: TSimTurn, vendor: TSimVendor, variant: TAnswerVariant): TSimAnswer {
  return withUsage(turn, capped(turn, content(turn, vendor, variant)));
}

/**
 * The answer under a stream-shape key: the shape's c-word chunks, then the
 * tool calls the model would make anyway. When it would answer tool results
 * instead, a healthy shape answers the usual sentence; a broken one keeps
 * its c-words, so it still breaks after exactly the chunks its key names.
 * The c-words are never reshaped into a response format: they are the key's
 * promise of chunk count and size. `sent` pieces of an endless answer are
 * out already; the answer is its next batch.
 */
export function shapedAnswer(turn: TSimTurn, vendor: TSimVendor, shape: TStreamShape, sent = 0): TSimAnswer {
  const toolCalls = pickToolCalls(turn);
  if (!toolCalls.length && turn.toolResults.length && shape.end === "finish") return answerTurn(turn, vendor, "normal");
  const from = (turn.continuing ? nextChunkNumber(turn.continuing.partial) : 1) + sent;
  const { chunks, words } = shapeChunks(shape, `[${vendor}:${turn.model}]`, from);
  return withUsage(turn, { text: chunks.join(""), chunks, toolCalls, finish: toolCalls.length ? "tool_calls" : "stop", textWords: words });
}

// Splits text into stream-sized pieces that concatenate back to the original.
function chunkText(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}
