import { z } from "zod";

export const ZCreateApiKey = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80, "Keep the name under 80 characters"),
});
export type TCreateApiKey = z.infer<typeof ZCreateApiKey>;

export const ZApiKeyId = z.object({ keyId: z.string().min(1, "Choose a key") });
export type TApiKeyId = z.infer<typeof ZApiKeyId>;
