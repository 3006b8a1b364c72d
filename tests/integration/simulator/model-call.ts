// Calls a vendor's AI SDK model directly against the simulator, with the
// call options (tool choice, response format, sampling, images) that chat()
// does not pass on yet, and reads the stream as chat() does.
import type { LanguageModelV4CallOptions, LanguageModelV4FunctionTool, LanguageModelV4Message, LanguageModelV4Prompt } from "@ai-sdk/provider";

import { simulatorBaseUrl } from "@/lib/providers/catalog";
import { collectStream, type TCollected } from "@/lib/providers/collect-stream";
import { createLanguageModel } from "@/lib/providers/language-model";
import type { TToolCall, TVendor } from "@/lib/providers/types";

import { getJson, MODELS } from "./sim-client";

export type TModelCall = Omit<LanguageModelV4CallOptions, "prompt"> & { prompt?: LanguageModelV4Prompt; model?: string };

export async function callModel(simUrl: string, vendor: TVendor, key: string, { model, ...options }: TModelCall = {}): Promise<TCollected> {
  const target = { vendor, apiKey: key, model: model ?? MODELS[vendor] };
  const languageModel = createLanguageModel(target, simulatorBaseUrl(vendor, simUrl), fetch);
  const { stream } = await languageModel.doStream({ prompt: [userSays("hello")], ...options });
  return collectStream(stream);
}

export const userSays = (text: string): LanguageModelV4Message => ({ role: "user", content: [{ type: "text", text }] });

/** The assistant's tool calls and a result for each, as the next request carries them. */
export function toolRound(calls: TToolCall[], result: (call: TToolCall) => string): LanguageModelV4Message[] {
  return [
    { role: "assistant", content: calls.map((call) => ({ type: "tool-call", toolCallId: call.id, toolName: call.name, input: call.arguments })) },
    {
      role: "tool",
      content: calls.map((call) => ({ type: "tool-result", toolCallId: call.id, toolName: call.name, output: { type: "text", value: result(call) } })),
    },
  ];
}

export const functionTool = (name: string, inputSchema: Record<string, unknown>): LanguageModelV4FunctionTool => ({
  type: "function",
  name,
  description: `The ${name} tool`,
  inputSchema: inputSchema as LanguageModelV4FunctionTool["inputSchema"],
});

type TJsonSchema7 = NonNullable<Extract<NonNullable<LanguageModelV4CallOptions["responseFormat"]>, { type: "json" }>["schema"]>;

/** A json response format with this schema. */
export const jsonFormat = (schema: Record<string, unknown>) => ({ type: "json" as const, schema: schema as TJsonSchema7 });

/** The request bodies the simulator received with this key, oldest first. */
export const requestsOf = (simUrl: string, key: string) => getJson<Array<Record<string, unknown>>>(`${simUrl}/_requests?key=${encodeURIComponent(key)}`);
