import { z } from "zod";

import { VENDOR_CATALOG } from "../providers/catalog";
import { ZVendor } from "../providers/types";

export const ZApiKey = z
  .string()
  .min(1, "Paste the API key")
  .max(512, "An API key is at most 512 characters")
  .refine((k) => !/\s/.test(k), "The key contains spaces or line breaks; paste it again without them");

const ZName = z.string().trim().min(1, "Enter a name").max(80, "Keep the name under 80 characters");
const ZModel = z.string().trim().min(1, "Enter a model").max(200, "Keep the model under 200 characters");

// Empty means "the vendor's own endpoint".
export const ZBaseUrl = z
  .string()
  .trim()
  .max(500, "Keep the base URL under 500 characters")
  .transform((v) => (v === "" ? null : v.replace(/\/+$/, "")))
  .refine((v) => v === null || isHttpUrl(v), "Enter a full URL starting with http:// or https://");

function isHttpUrl(value: string) {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && Boolean(url.hostname);
  } catch {
    return false;
  }
}

function requireBaseUrl<T extends { vendor: z.infer<typeof ZVendor>; baseUrl: string | null }>(value: T, ctx: z.RefinementCtx) {
  if (VENDOR_CATALOG[value.vendor].baseUrlRequired && !value.baseUrl) {
    ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "An OpenAI-compatible provider needs its base URL (e.g. https://api.groq.com/openai/v1)" });
  }
}

export const ZCreateCredential = z
  .object({ vendor: ZVendor, name: ZName, apiKey: ZApiKey, defaultModel: ZModel, baseUrl: ZBaseUrl.default("") })
  .superRefine(requireBaseUrl);
export type TCreateCredential = z.infer<typeof ZCreateCredential>;

// Left empty, the saved key stays; it must be entered again to go with a new base URL.
const ZKeyAgain = z.preprocess((v) => (v === "" ? undefined : v), ZApiKey.optional());

export const ZUpdateCredential = z.object({
  credentialId: z.string().min(1),
  name: ZName,
  defaultModel: ZModel,
  baseUrl: ZBaseUrl.default(""),
  apiKey: ZKeyAgain,
});
export type TUpdateCredential = z.infer<typeof ZUpdateCredential>;

export const ZReplaceKey = z.object({ credentialId: z.string().min(1), apiKey: ZApiKey });
export const ZCredentialId = z.object({ credentialId: z.string().min(1) });
