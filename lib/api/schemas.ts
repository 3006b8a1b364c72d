// The OpenAI chat completions request, as much of it as an agent can honour.
// The parameters an agent loop uses are validated here, so a mistyped or
// out-of-range value is a 400 naming its param, never a silent drop; fields
// outside this list (n, logprobs, ...) are ignored.
import { z } from "zod";

import { schemaProblem } from "../failover/json-schema";
import { isStorableText, STORABLE_TEXT_MESSAGE } from "../turns/schemas";

export const MAX_MESSAGES = 200;
const MAX_TOOLS = 128;
const MAX_STOP = 4;
const MAX_IMAGES = 10;

// Every text the turn stores.
const ZText = z.string().refine(isStorableText, STORABLE_TEXT_MESSAGE);

// OpenAI's rule for function and schema names.
const ZName = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "Use 1 to 64 letters, digits, underscores or dashes");

// An image the vendor fetches itself (https) or its bytes inline (a data URL).
const ZImageUrl = z
  .string()
  .refine((url) => /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/.test(url) || (URL.canParse(url) && new URL(url).protocol === "https:"), {
    message: "Use an https URL or a data URL of a PNG, JPEG, GIF or WebP image",
  });

const ZTextPart = z.object({ type: z.literal("text"), text: ZText });
const ZImagePart = z.object({
  type: z.literal("image_url"),
  image_url: z.object({ url: ZImageUrl, detail: z.enum(["auto", "low", "high"]).nullish() }),
});
const ZContent = z.union([ZText, z.array(ZTextPart)], { error: "Expected a string or an array of text parts" });
const ZUserContent = z.union([ZText, z.array(z.discriminatedUnion("type", [ZTextPart, ZImagePart], { error: "Use text or image_url content parts" }))], {
  error: "Expected a string or an array of text and image_url parts",
});

const ZToolCall = z.object({
  id: ZText.min(1),
  type: z.literal("function").default("function"),
  function: z.object({ name: ZText.min(1), arguments: ZText }),
});

const ZCompletionMessage = z.discriminatedUnion("role", [
  z.object({ role: z.enum(["system", "developer"]), content: ZContent.nullish() }),
  z.object({ role: z.literal("user"), content: ZUserContent }),
  z.object({ role: z.literal("assistant"), content: ZContent.nullish(), tool_calls: z.array(ZToolCall).nullish() }),
  z.object({ role: z.literal("tool"), content: ZContent, tool_call_id: ZText.min(1) }),
]);
export type TCompletionMessage = z.infer<typeof ZCompletionMessage>;

// A schema is compiled (in the worker) before a reply is judged against it,
// and compiling grows faster than the schema: measured, 16 KiB took up to
// 80 ms and 62 KiB 425 ms of the worker's event loop, shared by every
// tenant's turns on it. Real tools' schemas are a few KiB.
const MAX_SCHEMA_BYTES = 16 * 1024;
// Every walk over a schema (JSON.stringify, ajv's, the expansion measure)
// recurses once per level; real schemas nest a dozen or so.
const MAX_SCHEMA_DEPTH = 64;
const SCHEMA_TEXT_MESSAGE = "Remove NUL characters and unpaired surrogates (broken emoji) from the schema's names and values";

// A schema is stored with its turn as jsonb, which takes neither NUL nor a
// lone surrogate anywhere, names included.
function storableJsonProblem(value: unknown, depth: number): string | undefined {
  if (typeof value === "string") return isStorableText(value) ? undefined : SCHEMA_TEXT_MESSAGE;
  if (typeof value !== "object" || value === null) return undefined;
  if (depth >= MAX_SCHEMA_DEPTH) return `Nest a schema at most ${MAX_SCHEMA_DEPTH} levels deep`;
  for (const [key, child] of Object.entries(value)) {
    const problem = isStorableText(key) ? storableJsonProblem(child, depth + 1) : SCHEMA_TEXT_MESSAGE;
    if (problem) return problem;
  }
  return undefined;
}

// In this order: the nesting first, as the size is measured by a walk too.
function jsonSchemaProblem(schema: Record<string, unknown>): string | undefined {
  const stored = storableJsonProblem(schema, 0);
  if (stored) return stored;
  if (JSON.stringify(schema).length > MAX_SCHEMA_BYTES) return `Keep a schema under ${MAX_SCHEMA_BYTES / 1024} KiB of JSON`;
  const problem = schemaProblem(schema);
  return problem && `Not a usable JSON Schema: ${problem}`;
}

// A JSON Schema object of bounded size, nesting and expansion.
const ZJsonSchema = z.record(z.string(), z.unknown()).superRefine((schema, ctx) => {
  const problem = jsonSchemaProblem(schema);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const ZTool = z.object({
  type: z.literal("function", { error: 'Only tools of type "function" are supported' }),
  function: z.object({
    name: ZName,
    description: ZText.max(4096).nullish(),
    parameters: ZJsonSchema.nullish(),
    strict: z.boolean().nullish(),
  }),
});

const ZToolChoice = z.union([z.enum(["auto", "none", "required"]), z.object({ type: z.literal("function"), function: z.object({ name: ZName }) })], {
  error: 'Use "auto", "none", "required" or {"type": "function", "function": {"name": ...}}',
});

const ZResponseFormat = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("text") }),
    z.object({ type: z.literal("json_object") }),
    z.object({
      type: z.literal("json_schema"),
      json_schema: z.object({ name: ZName, description: ZText.nullish(), schema: ZJsonSchema.nullish(), strict: z.boolean().nullish() }),
    }),
  ],
  { error: 'Use a response_format of type "text", "json_object" or "json_schema"' },
);

const between = (min: number, max: number) =>
  z.number({ error: "Expected a number" }).min(min, `Use a value from ${min} to ${max}`).max(max, `Use a value from ${min} to ${max}`);
const ZMaxTokens = z
  .number({ error: "Expected a whole number" })
  .int("Expected a whole number")
  .min(1, "Use at least 1 token")
  .max(1_000_000, "Use at most 1,000,000 tokens");

export const ZChatCompletionRequest = z
  .object({
    model: z.string({ error: "Set model to the agent's slug" }).min(1, "Set model to the agent's slug"),
    messages: z.array(ZCompletionMessage, { error: "Expected an array of messages" }).min(1, "Send at least one message"),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
    tools: z.array(ZTool, { error: "Expected an array of tools" }).max(MAX_TOOLS, `Send at most ${MAX_TOOLS} tools`).nullish(),
    tool_choice: ZToolChoice.nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    temperature: between(0, 2).nullish(),
    top_p: between(0, 1).nullish(),
    max_tokens: ZMaxTokens.nullish(),
    max_completion_tokens: ZMaxTokens.nullish(),
    stop: z
      .preprocess(
        (value) => (typeof value === "string" ? [value] : value),
        z
          .array(ZText.min(1, "A stop sequence cannot be empty"), { error: "Expected a string or an array of strings" })
          .max(MAX_STOP, `Send at most ${MAX_STOP} stop sequences`),
      )
      .nullish(),
    seed: z.number({ error: "Expected a whole number" }).int("Expected a whole number").nullish(),
    response_format: ZResponseFormat.nullish(),
    user: ZText.max(256, "Keep user under 256 characters").nullish(),
    metadata: z
      .record(
        z.string().max(64, "Keep metadata keys under 64 characters").refine(isStorableText, "Remove NUL characters and unpaired surrogates from metadata keys"),
        ZText.max(512, "Keep metadata values under 512 characters"),
      )
      .refine((value) => Object.keys(value).length <= 16, "Send at most 16 metadata keys")
      .nullish(),
    // Understudy's extension: continue a conversation stored by an earlier call.
    conversation_id: ZText.min(1).max(100).nullish(),
  })
  .superRefine((request, ctx) => {
    const names = (request.tools ?? []).map((tool) => tool.function.name);
    names.forEach((name, index) => {
      if (names.indexOf(name) !== index)
        ctx.addIssue({ code: "custom", path: ["tools", index, "function", "name"], message: `Another tool is already named "${name}"` });
    });
    const choice = request.tool_choice;
    if (typeof choice === "object" && choice && !names.includes(choice.function.name)) {
      ctx.addIssue({ code: "custom", path: ["tool_choice", "function", "name"], message: `No tool named "${choice.function.name}" is in tools` });
    }
    if ((choice === "required" || typeof choice === "object") && names.length === 0) {
      ctx.addIssue({ code: "custom", path: ["tool_choice"], message: "tool_choice needs tools to choose from" });
    }
    request.messages.forEach((message, index) => {
      if (message.role !== "user" || typeof message.content === "string") return;
      if (message.content.filter((part) => part.type === "image_url").length > MAX_IMAGES) {
        ctx.addIssue({ code: "custom", path: ["messages", index, "content"], message: `Send at most ${MAX_IMAGES} images in one message` });
      }
    });
  });
export type TChatCompletionRequest = z.infer<typeof ZChatCompletionRequest>;
