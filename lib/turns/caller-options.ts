// What an API caller asked of one turn, stored with it (turns.caller_options)
// and read back by the worker, which parses it again at that boundary.
import { z } from "zod";

import type { TResponseFormat, TSampling, TToolChoice, TToolSpec } from "../providers/types";

const ZSchemaObject = z.record(z.string(), z.unknown());

const ZToolSpec = z.object({ name: z.string().min(1), description: z.string(), parameters: ZSchemaObject });

const ZToolChoiceStored = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["auto", "none", "required"]) }),
  z.object({ type: z.literal("tool"), toolName: z.string().min(1) }),
]);

const ZResponseFormatStored = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["text", "json_object"]) }),
  z.object({ type: z.literal("json_schema"), name: z.string(), description: z.string().optional(), schema: ZSchemaObject, strict: z.boolean().optional() }),
]);

const ZSampling = z.object({
  temperature: z.number().optional(),
  topP: z.number().optional(),
  maxTokens: z.number().int().optional(),
  stop: z.array(z.string()).optional(),
  seed: z.number().int().optional(),
  user: z.string().optional(),
  parallelToolCalls: z.boolean().optional(),
});

const ZCallerOptions = z.object({
  tools: z.array(ZToolSpec).default([]),
  toolChoice: ZToolChoiceStored.optional(),
  responseFormat: ZResponseFormatStored.optional(),
  sampling: ZSampling.default({}),
  // The caller's system messages, when the agent adds them after its instructions.
  system: z.string().optional(),
  // Kept with the turn for the caller's own bookkeeping; never sent to a provider.
  metadata: z.record(z.string(), z.string()).optional(),
});

export type TCallerOptions = {
  tools: TToolSpec[];
  toolChoice?: TToolChoice;
  responseFormat?: TResponseFormat;
  sampling: TSampling;
  system?: string;
  metadata?: Record<string, string>;
};

/** The stored options, or undefined for a turn without any (the Chat tab's). Throws on a malformed value. */
export function parseCallerOptions(value: unknown): TCallerOptions | undefined {
  if (value === null || value === undefined) return undefined;
  return ZCallerOptions.parse(value);
}
