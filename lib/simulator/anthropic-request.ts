// The Anthropic Messages request as the simulator reads it, and the checks
// Anthropic makes on it, in its own words.
import { z } from "zod";

import { IMAGE_MEDIA_TYPES, isBase64, isWebUrl } from "./image-source";

const ZText = z.looseObject({ type: z.literal("text"), text: z.string() });

const ZBlock = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  id: z.string().optional(),
  name: z.string().optional(),
  tool_use_id: z.string().optional(),
  content: z.union([z.string(), z.array(ZText)]).optional(),
  source: z.looseObject({ type: z.string(), media_type: z.string().optional(), data: z.string().optional(), url: z.string().optional() }).optional(),
});

const ZMessage = z.looseObject({
  role: z.enum(["user", "assistant"]),
  content: z.union([z.string(), z.array(ZBlock)]),
});

const parallel = { disable_parallel_tool_use: z.boolean().optional() };
const ZToolChoice = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("auto"), ...parallel }),
  z.looseObject({ type: z.literal("any"), ...parallel }),
  z.looseObject({ type: z.literal("tool"), name: z.string().min(1), ...parallel }),
  z.looseObject({ type: z.literal("none"), ...parallel }),
]);

export const ZAnthropicRequest = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  messages: z.array(ZMessage).min(1),
  system: z.union([z.string(), z.array(ZText)]).optional(),
  tools: z.array(z.looseObject({ name: z.string(), description: z.string().optional(), input_schema: z.unknown().optional() })).optional(),
  tool_choice: ZToolChoice.optional(),
  output_config: z.looseObject({ format: z.looseObject({ type: z.literal("json_schema"), schema: z.unknown() }).optional() }).optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  top_k: z.number().int().optional(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
});

export type TAnthropicRequest = z.infer<typeof ZAnthropicRequest>;
export type TAnthropicMessage = z.infer<typeof ZMessage>;
type TBlock = z.infer<typeof ZBlock>;

const TOOL_USE_ID = /^[a-zA-Z0-9_-]+$/;
const MAX_TEMPERATURE = 1;

export function blocks(message: TAnthropicMessage | undefined): TBlock[] {
  if (!message) return [];
  return typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
}

export function textOf(content: string | Array<{ text?: string }> | undefined): string {
  if (typeof content === "string") return content;
  return (content ?? []).map((block) => block.text ?? "").join("");
}

function imageProblem(block: TBlock, at: string): string | undefined {
  const source = block.source;
  if (source?.type === "base64") {
    if (!IMAGE_MEDIA_TYPES.includes(source.media_type ?? "")) {
      return `${at}.source.base64.media_type: Input should be ${IMAGE_MEDIA_TYPES.map((t) => `'${t}'`).join(", ")}`;
    }
    return isBase64(source.data ?? "") ? undefined : `${at}.source.base64.data: The image data is not valid base64.`;
  }
  if (source?.type === "url") return isWebUrl(source.url ?? "") ? undefined : `${at}.source.url.url: Input should be a valid URL.`;
  if (source?.type === "file") return undefined;
  return `${at}.source: Input tag '${source?.type ?? ""}' found using 'type' does not match any of the expected tags: 'base64', 'url', 'file'`;
}

/** Sampling parameters out of Anthropic's range, or an image it cannot read. */
export function requestProblem({ temperature, messages }: TAnthropicRequest): string | undefined {
  if (temperature !== undefined && (temperature < 0 || temperature > MAX_TEMPERATURE)) return `temperature: range: 0..${MAX_TEMPERATURE}`;
  for (const [i, message] of messages.entries()) {
    for (const [j, block] of blocks(message).entries()) {
      const problem = block.type === "image" ? imageProblem(block, `messages.${i}.content.${j}.image`) : undefined;
      if (problem) return problem;
    }
  }
  return undefined;
}

// Claude models from 4.6 on refuse a prefill: a conversation that ends with
// an assistant turn. Older ids (claude-3-5-haiku-latest, the demo's) take one.
const REFUSES_PREFILL = /^claude-(?:opus|sonnet|haiku)-(?:4-[6-9]|[5-9])(?:-|$)/;

export function prefillProblem({ model, messages }: TAnthropicRequest): string | undefined {
  if (messages.at(-1)?.role !== "assistant" || !REFUSES_PREFILL.test(model)) return undefined;
  return "This model does not support assistant message prefill. The conversation must end with a user message.";
}

// Anthropic's own checks on tool history.
export function toolHistoryProblem(messages: TAnthropicMessage[]): string | undefined {
  for (const [i, message] of messages.entries()) {
    const uses = blocks(message).filter((b) => b.type === "tool_use");
    for (const [j, use] of uses.entries()) {
      if (!TOOL_USE_ID.test(use.id ?? "")) return `messages.${i}.content.${j}.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'`;
    }
    const previousIds = new Set(
      blocks(messages[i - 1])
        .filter((b) => b.type === "tool_use")
        .map((b) => b.id),
    );
    for (const [j, result] of blocks(message).entries()) {
      if (result.type === "tool_result" && !previousIds.has(result.tool_use_id)) {
        return (
          `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${result.tool_use_id}. ` +
          "Each `tool_result` block must have a corresponding `tool_use` block in the previous message."
        );
      }
    }
    const answered = new Set(
      blocks(messages[i + 1])
        .filter((b) => b.type === "tool_result")
        .map((b) => b.tool_use_id),
    );
    const missing = uses.filter((use) => !answered.has(use.id)).map((use) => use.id);
    if (missing.length) {
      return (
        `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. ` +
        "Each `tool_use` block must have a corresponding `tool_result` block in the next message."
      );
    }
  }
  return undefined;
}
