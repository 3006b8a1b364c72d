// The OpenAI chat completions request, as much of it as an agent can honour.
// Unknown fields (temperature, tools, n, ...) are accepted and dropped: the
// agent's own configuration decides those.
import { z } from "zod";
import { isStorableText, STORABLE_TEXT_MESSAGE } from "../turns/schemas";

export const MAX_MESSAGES = 200;

// Every text the turn stores.
const ZText = z.string().refine(isStorableText, STORABLE_TEXT_MESSAGE);

const ZTextPart = z.object({
  type: z.literal("text", { error: "Only text content parts are supported" }),
  text: ZText,
});
const ZContent = z.union([ZText, z.array(ZTextPart)], { error: "Expected a string or an array of text parts" });

const ZToolCall = z.object({
  id: ZText.min(1),
  type: z.literal("function").default("function"),
  function: z.object({ name: ZText.min(1), arguments: ZText }),
});

const ZChatMessage = z.discriminatedUnion("role", [
  z.object({ role: z.enum(["system", "developer"]) }),
  z.object({ role: z.literal("user"), content: ZContent }),
  z.object({ role: z.literal("assistant"), content: ZContent.nullish(), tool_calls: z.array(ZToolCall).nullish() }),
  z.object({ role: z.literal("tool"), content: ZContent, tool_call_id: ZText.min(1) }),
]);
export type TChatMessage = z.infer<typeof ZChatMessage>;

export const ZChatCompletionRequest = z.object({
  model: z.string({ error: "Set model to the agent's slug" }).min(1, "Set model to the agent's slug"),
  messages: z.array(ZChatMessage, { error: "Expected an array of messages" }).min(1, "Send at least one message"),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  // Understudy's extension: continue a conversation stored by an earlier call.
  conversation_id: ZText.min(1).max(100).nullish(),
});
export type TChatCompletionRequest = z.infer<typeof ZChatCompletionRequest>;
