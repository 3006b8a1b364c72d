// Reads an AI SDK stream to the end into one answer. Streaming (rather than a
// single JSON response) is what lets us see the failures that only happen
// mid-answer: an error event after the stream opened, or a stream that stops
// before the vendor says it is finished.
import type { LanguageModelV4FinishReason, LanguageModelV4StreamPart } from "@ai-sdk/provider";

import { infraEnv } from "../env";
import type { TChatResult, TFinishReason, TToolCall } from "./types";

export type TCollected = Omit<TChatResult, "latencyMs">;

type TFailureKind = "cut" | "vendor_error" | "unreadable" | "too_large";

const megabytes = (bytes: number) => Number((bytes / (1024 * 1024)).toFixed(2));

function describeFailure(kind: TFailureKind, detail: unknown): string {
  if (kind === "cut") return "The stream ended before the provider finished its answer";
  if (kind === "too_large") return `The answer passed ${megabytes(Number(detail))} MB and was cut`;
  return "The provider stream reported an error";
}

/** Why a stream did not yield an answer; turned into a ProviderError by the caller. */
export class StreamFailure extends Error {
  constructor(
    readonly kind: TFailureKind,
    // The vendor's error event, the unreadable part, or the byte cap passed.
    readonly detail?: unknown,
  ) {
    super(describeFailure(kind, detail));
    this.name = "StreamFailure";
  }
}

const UNIFIED_FINISH: Record<Exclude<LanguageModelV4FinishReason["unified"], "interrupted">, TFinishReason> = {
  stop: "stop",
  length: "length",
  "content-filter": "content_filter",
  "tool-calls": "tool_calls",
  error: "unknown",
  other: "other",
};

function toFinishReason(reason: LanguageModelV4FinishReason): TFinishReason {
  // Gemini's way of saying "I tried to call a tool and botched it".
  if (reason.raw === "MALFORMED_FUNCTION_CALL") return "tool_calls";
  return reason.unified === "interrupted" ? "unknown" : UNIFIED_FINISH[reason.unified];
}

// Vendor error events arrive as plain data; the SDK's own parse failures as Error instances.
const isVendorError = (error: unknown) => typeof error === "object" && error !== null && !(error instanceof Error);

type TFinishPart = Extract<LanguageModelV4StreamPart, { type: "finish" }>;

// The SDKs mark a stream that stopped without the vendor's finish signal in
// different ways: no finish part at all, "interrupted", or "error" with no raw reason.
function endedEarly({ unified, raw }: LanguageModelV4FinishReason): boolean {
  return unified === "interrupted" || (unified === "error" && raw === undefined);
}

// maxBytes caps what one answer may send (text, tool arguments, reasoning):
// an endpoint that streams without end would otherwise hold a worker's
// memory and slot until the turn's budget runs out.
type TStreamListener = { onText?: (text: string) => void; onProgress?: () => void; maxBytes?: number };

// Parts that show the provider is producing an answer, not only framing it.
const PROGRESS = new Set<LanguageModelV4StreamPart["type"]>(["text-delta", "tool-input-start", "tool-input-delta", "tool-call", "reasoning-delta"]);

// The payload of a part that adds to the answer; the tool-call part repeats
// its deltas, so it is not counted again.
function addedBytes(part: LanguageModelV4StreamPart): number {
  if (part.type === "text-delta" || part.type === "tool-input-delta" || part.type === "reasoning-delta") return Buffer.byteLength(part.delta);
  return 0;
}

export async function collectStream(stream: ReadableStream<LanguageModelV4StreamPart>, listener: TStreamListener = {}): Promise<TCollected> {
  const maxBytes = listener.maxBytes ?? infraEnv().PROVIDER_ANSWER_MAX_BYTES;
  const reader = stream.getReader();
  let bytes = 0;
  let text = "";
  const toolCalls: TToolCall[] = [];
  let finish: TFinishPart | undefined;
  let unreadable: unknown;
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      const value = part.value;
      bytes += addedBytes(value);
      if (bytes > maxBytes) throw new StreamFailure("too_large", maxBytes);
      if (PROGRESS.has(value.type)) listener.onProgress?.();
      if (value.type === "text-delta") {
        text += value.delta;
        if (value.delta) listener.onText?.(value.delta);
      } else if (value.type === "tool-call" && !value.providerExecuted) {
        toolCalls.push({ id: value.toolCallId, name: value.toolName, arguments: value.input });
      } else if (value.type === "finish") finish = value;
      else if (value.type === "error") {
        if (isVendorError(value.error)) throw new StreamFailure("vendor_error", value.error);
        unreadable ??= value.error;
      }
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  if (!finish || endedEarly(finish.finishReason)) throw new StreamFailure("cut");
  if (unreadable !== undefined) throw new StreamFailure("unreadable", unreadable);
  return {
    text,
    toolCalls,
    finishReason: toFinishReason(finish.finishReason),
    usage: { inputTokens: finish.usage.inputTokens.total ?? 0, outputTokens: finish.usage.outputTokens.total ?? 0 },
  };
}
