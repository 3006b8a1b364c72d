import { z } from "zod";

// PostgreSQL text cannot hold a NUL character, and a lone surrogate (half of
// an emoji, say) has no UTF-8 form: refused where it enters, never a 500 when
// it is stored. With the u flag a paired surrogate is one code point, so the
// class matches only lone halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
export const STORABLE_TEXT_MESSAGE = "Remove NUL characters and unpaired surrogates (broken emoji) from the text";
export const isStorableText = (value: string) => !value.includes("\u0000") && !LONE_SURROGATE.test(value);

// What the Chat tab sends: one message, in a conversation or a new one
// (the API's messages are ZCompletionMessage, lib/api/schemas.ts).
export const ZChatMessage = z.object({
  message: z
    .string()
    .trim()
    .min(1, "Write a message first")
    .max(20_000, "Keep a message under 20,000 characters")
    .refine(isStorableText, STORABLE_TEXT_MESSAGE),
  conversationId: z
    .string()
    .optional()
    .transform((v) => v || undefined),
});
