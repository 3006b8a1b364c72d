import { z } from "zod";

export const ZChatMessage = z.object({
  message: z.string().trim().min(1, "Write a message first").max(20_000, "Keep a message under 20,000 characters"),
  conversationId: z
    .string()
    .optional()
    .transform((v) => v || undefined),
});
