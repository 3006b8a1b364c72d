// The caller's tool choice, response format and sampling parameters as AI SDK
// call options. The adapters write them in each vendor's wire format and
// clamp or drop what a vendor lacks (Anthropic: temperature above 1, seed);
// the few that only exist as vendor options are mapped here. The README's
// parameter table says what each vendor receives.
import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";

import type { TChatRequest, TResponseFormat, TVendor } from "./types";

type TCallOptions = Pick<
  LanguageModelV4CallOptions,
  "toolChoice" | "responseFormat" | "temperature" | "topP" | "maxOutputTokens" | "stopSequences" | "seed" | "providerOptions"
>;

// Vendors whose adapter sends a json_schema response format natively. A
// generic OpenAI-compatible server gets json_object and the schema in words.
const NATIVE_SCHEMA: ReadonlySet<TVendor> = new Set(["openai", "anthropic", "google", "openrouter"]);

const JSON_OBJECT_NOTE = "Reply with a single JSON object and nothing else.";

/**
 * What the system prompt must add for a JSON answer: OpenAI refuses
 * json_object unless the prompt mentions JSON, Anthropic has no json_object
 * mode at all, and a server without native schemas needs the schema spelled out.
 */
export function formatNote(format: TResponseFormat | undefined, vendor: TVendor): string | undefined {
  if (!format || format.type === "text") return undefined;
  if (format.type === "json_object" || NATIVE_SCHEMA.has(vendor)) return JSON_OBJECT_NOTE;
  return `${JSON_OBJECT_NOTE} It must match this JSON Schema: ${JSON.stringify(format.schema)}`;
}

function responseFormat(format: TResponseFormat | undefined): TCallOptions["responseFormat"] {
  if (!format || format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json" };
  return { type: "json", name: format.name, description: format.description, schema: format.schema as never };
}

function providerOptions(request: TChatRequest): TCallOptions["providerOptions"] {
  const { user, parallelToolCalls } = request.sampling ?? {};
  const strict = request.responseFormat?.type === "json_schema" ? (request.responseFormat.strict ?? false) : undefined;
  switch (request.vendor) {
    case "openai":
      return { openai: { user, parallelToolCalls, strictJsonSchema: strict } };
    case "anthropic":
      return { anthropic: { metadata: user ? { userId: user } : undefined, disableParallelToolUse: parallelToolCalls === false ? true : undefined } };
    case "google":
      return undefined;
    case "openrouter":
    case "openai_compatible":
      // Unknown keys are written into the request body as they are.
      return { [request.vendor]: { user, strictJsonSchema: strict, ...(parallelToolCalls === undefined ? {} : { parallel_tool_calls: parallelToolCalls }) } };
  }
}

export function callOptions(request: TChatRequest): TCallOptions {
  const sampling = request.sampling ?? {};
  return {
    toolChoice: request.tools?.length ? (request.toolChoice ?? { type: "auto" }) : undefined,
    responseFormat: responseFormat(request.responseFormat),
    temperature: sampling.temperature,
    topP: sampling.topP,
    maxOutputTokens: sampling.maxTokens,
    stopSequences: sampling.stop,
    seed: sampling.seed,
    providerOptions: providerOptions(request),
  };
}
