import { z } from "zod";
import { ZVendor } from "../providers/types";
import { ZApiKey, ZBaseUrl } from "../credentials/schemas";

export const MAX_BACKUPS = 3;
export const DEFAULT_TIMEOUT_SECONDS = 30;

const ZModel = z.string().trim().min(1, "Enter a model").max(200, "Keep the model under 200 characters");
const ZTimeout = z.coerce
  .number({ error: "Enter the timeout in seconds" })
  .int("Use whole seconds")
  .min(1, "The timeout must be between 1 and 600 seconds")
  .max(600, "The timeout must be between 1 and 600 seconds");

export const ZCreateAgent = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80, "Keep the name under 80 characters"),
  instructions: z.string().trim().min(1, "Tell the agent how to behave").max(20_000, "Keep the instructions under 20,000 characters"),
  credentialId: z.string().min(1, "Choose a saved provider"),
  model: ZModel,
});
export type TCreateAgent = z.infer<typeof ZCreateAgent>;

export const ZSetPrimary = z.object({ credentialId: z.string().min(1, "Choose a saved provider"), model: ZModel, timeoutSeconds: ZTimeout });
export type TSetPrimary = z.infer<typeof ZSetPrimary>;

// A backup is a saved provider of the chosen vendor, or a key pasted for this agent only.
export const ZSetBackup = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("saved"),
    position: z.coerce.number().int().min(1).max(MAX_BACKUPS).optional(),
    vendor: ZVendor,
    credentialId: z.string().min(1, "Choose a saved provider"),
    model: ZModel,
    timeoutSeconds: ZTimeout,
  }),
  z.object({
    mode: z.literal("api_key"),
    position: z.coerce.number().int().min(1).max(MAX_BACKUPS).optional(),
    vendor: ZVendor,
    apiKey: ZApiKey,
    model: ZModel,
    baseUrl: ZBaseUrl.default(""),
    timeoutSeconds: ZTimeout,
  }),
]);
export type TSetBackup = z.infer<typeof ZSetBackup>;

export const ZBackupPosition = z.object({ position: z.coerce.number().int().min(1).max(MAX_BACKUPS) });
export const ZMoveBackup = ZBackupPosition.extend({ direction: z.enum(["up", "down"]) });
export const ZAgentOnly = z.object({});
