// The simulated model itself, vendor-neutral: each vendor module reduces its
// request to a TSimTurn and renders the TSimAnswer in its own wire format.
import type { TAnswerVariant } from "./behaviours";
import type { TSimVendor } from "./stats";

export type TSimTurn = {
  model: string;
  stream: boolean;
  // OpenAI only sends usage in a stream when asked (stream_options.include_usage).
  includeUsage: boolean;
  lastUserText: string;
  // Set when the conversation ends with a tool result the model must use.
  lastToolResult?: { name: string; content: string };
  toolNames: string[];
  promptWords: number;
};

export type TSimToolCall = { name: string; arguments: string };

export type TSimAnswer = {
  text: string;
  toolCalls: TSimToolCall[];
  finish: "stop" | "tool_calls" | "filter";
  inputTokens: number;
  outputTokens: number;
};

type TContent = Pick<TSimAnswer, "text" | "toolCalls" | "finish">;

// Truncated on purpose: it is what "arguments that are not valid JSON" look
// like when a model's output is cut or garbled.
const BROKEN_ARGUMENTS = '{"expression": "2 + ';

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function pickToolCall(turn: TSimTurn): TSimToolCall | undefined {
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

export function answerTurn(turn: TSimTurn, vendor: TSimVendor, variant: TAnswerVariant): TSimAnswer {
  const answer = content(turn, vendor, variant);
  const outputWords = countWords(answer.text) + answer.toolCalls.reduce((n, call) => n + countWords(call.arguments), 0);
  return { ...answer, inputTokens: Math.max(1, turn.promptWords), outputTokens: outputWords };
}

// Splits text into stream-sized pieces that concatenate back to the original.
export function chunkText(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}
