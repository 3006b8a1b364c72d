// One AI SDK model per vendor, always built with an explicit base URL (a bare
// model id would go to Vercel's hosted gateway) and our own fetch.
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogle } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV4 } from "@ai-sdk/provider";

import { VENDOR_CATALOG } from "./catalog";
import type { TProviderTarget } from "./types";

/** The base URL a call goes to, or a reason why there is none. */
export function resolveBaseUrl(target: Pick<TProviderTarget, "vendor" | "baseUrl">): string | { problem: string } {
  const info = VENDOR_CATALOG[target.vendor];
  const url = target.baseUrl?.trim() || info.defaultBaseUrl;
  if (!url) return { problem: `${info.label} needs a base URL` };
  if (!URL.canParse(url)) return { problem: `Base URL is not a valid URL: ${url}` };
  return url.replace(/\/+$/, "");
}

export function createLanguageModel(target: TProviderTarget, baseURL: string, fetch: typeof globalThis.fetch): LanguageModelV4 {
  const { apiKey, model } = target;
  switch (target.vendor) {
    case "openai":
      // .chat() is /v1/chat/completions; the default openai(id) is the Responses API.
      return createOpenAI({ apiKey, baseURL, fetch }).chat(model);
    case "anthropic":
      return createAnthropic({ apiKey, baseURL, fetch }).messages(model);
    case "google":
      return createGoogle({ apiKey, baseURL, fetch }).languageModel(model);
    case "openrouter":
    case "openai_compatible":
      // OpenRouter passes json_schema on to the models that take it; a
      // generic server may not know it (see call-options.ts).
      return createOpenAICompatible({
        name: target.vendor,
        apiKey,
        baseURL,
        fetch,
        includeUsage: true,
        supportsStructuredOutputs: target.vendor === "openrouter",
      }).chatModel(model);
  }
}
