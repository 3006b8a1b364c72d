// The neutral contract every vendor adapter speaks. Conversation history is
// stored in this shape and translated to each vendor's wire format by the
// adapter, so a backup can take over mid-conversation, even after tool calls.
import { z } from "zod";

export const VENDORS = ["openai", "anthropic", "google", "openrouter", "openai_compatible"] as const;
export const ZVendor = z.enum(VENDORS);
export type TVendor = z.infer<typeof ZVendor>;

// Every outcome of a provider call maps to exactly one of these.
export const OUTCOME_CLASSES = [
  "ok",
  "rate_limited",
  "quota_exhausted",
  "overloaded",
  "server_error",
  "timeout",
  "network",
  "auth",
  "model_unavailable",
  "bad_request",
  "context_length",
  "content_filter",
  "empty",
  "bad_tool_call",
  // Text that is not the JSON the caller's response_format asked for.
  "bad_output",
  "stream_cut",
] as const;
export type TOutcomeClass = (typeof OUTCOME_CLASSES)[number];

// An outcome read back from storage (a column, event data): anything this
// version does not know reads as a server error.
export const toOutcomeClass = (value: unknown): TOutcomeClass =>
  (OUTCOME_CLASSES as readonly string[]).includes(String(value)) ? (value as TOutcomeClass) : "server_error";

export type TToolCall = {
  id: string;
  name: string;
  // Raw JSON text as the vendor sent it; parsing is the failover engine's job,
  // because unparseable arguments are a failover-worthy outcome.
  arguments: string;
};

// An image the user attached: an https URL or a data URL (base64).
export type TImage = { url: string };

export type TMessage =
  | { role: "user"; content: string; images?: TImage[] }
  | { role: "assistant"; content: string; toolCalls?: TToolCall[] }
  | { role: "tool"; toolCallId: string; toolName: string; content: string };

export type TToolSpec = {
  name: string;
  description: string;
  // JSON Schema of the arguments object.
  parameters: Record<string, unknown>;
};

// Which tools the model may or must call; "tool" forces one by name.
export type TToolChoice = { type: "auto" } | { type: "none" } | { type: "required" } | { type: "tool"; toolName: string };

// The shape the answer's text must have. A json_schema answer is validated
// against its schema; one that fails is unusable, like a broken tool call.
export type TResponseFormat =
  { type: "text" } | { type: "json_object" } | { type: "json_schema"; name: string; description?: string; schema: Record<string, unknown>; strict?: boolean };

// The caller's sampling parameters, in OpenAI's meaning; each adapter maps,
// clamps or drops what its vendor lacks (see the README's parameter table).
export type TSampling = {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  seed?: number;
  // An end-user id for the vendor's abuse monitoring.
  user?: string;
  parallelToolCalls?: boolean;
};

export type TProviderTarget = {
  vendor: TVendor;
  apiKey: string;
  // Undefined means the vendor's public endpoint.
  baseUrl?: string | null;
  model: string;
};

export type TChatRequest = TProviderTarget & {
  system?: string;
  messages: TMessage[];
  tools?: TToolSpec[];
  toolChoice?: TToolChoice;
  responseFormat?: TResponseFormat;
  sampling?: TSampling;
  // An answer another call broke off, for this one to continue (see to-prompt.ts).
  continueFrom?: string;
  signal?: AbortSignal;
  // A cap on the whole call; the failover engine's own deadlines judge silence.
  timeoutMs: number;
  // Each piece of answer text as the provider streams it.
  onText?: (text: string) => void;
  // Content in the stream (text, tool-call arguments, reasoning): what a
  // first token is.
  onProgress?: () => void;
  // Any bytes of the response body, framing and keep-alives included: the
  // provider is still there, which is what the stall timeout asks.
  onAlive?: () => void;
};

export type TFinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "other" | "unknown";

export type TChatResult = {
  text: string;
  toolCalls: TToolCall[];
  finishReason: TFinishReason;
  usage: { inputTokens: number; outputTokens: number };
  latencyMs: number;
};
