// What the app knows about each vendor before calling it: how to show it,
// where it lives, which model to suggest and how much context a model holds.
import type { TVendor } from "./types";

type TVendorInfo = {
  label: string;
  // Null when the vendor has no public endpoint of its own.
  defaultBaseUrl: string | null;
  suggestedModel: string | null;
  baseUrlRequired: boolean;
  // Which wire format the vendor speaks, i.e. its path on the simulator.
  wireFormat: "openai" | "anthropic" | "google";
};

export const VENDOR_CATALOG: Record<TVendor, TVendorInfo> = {
  openai: {
    label: "OpenAI",
    defaultBaseUrl: "https://api.openai.com/v1",
    suggestedModel: "gpt-4o-mini",
    baseUrlRequired: false,
    wireFormat: "openai",
  },
  anthropic: {
    label: "Anthropic",
    defaultBaseUrl: "https://api.anthropic.com/v1",
    suggestedModel: "claude-3-5-haiku-latest",
    baseUrlRequired: false,
    wireFormat: "anthropic",
  },
  google: {
    label: "Google Gemini",
    defaultBaseUrl: "https://generativelanguage.googleapis.com/v1beta",
    suggestedModel: "gemini-2.0-flash",
    baseUrlRequired: false,
    wireFormat: "google",
  },
  openrouter: {
    label: "OpenRouter",
    defaultBaseUrl: "https://openrouter.ai/api/v1",
    suggestedModel: "openai/gpt-4o-mini",
    baseUrlRequired: false,
    wireFormat: "openai",
  },
  openai_compatible: {
    label: "OpenAI-compatible",
    defaultBaseUrl: null,
    suggestedModel: null,
    baseUrlRequired: true,
    wireFormat: "openai",
  },
};

// Unknown models are often small self-hosted ones; assuming little avoids
// sending them more than they can take.
export const DEFAULT_CONTEXT_WINDOW = 8_192;

// First match wins, so specific ids come before their families.
const CONTEXT_WINDOWS: ReadonlyArray<[RegExp, number]> = [
  [/^gpt-4\.1/, 1_047_576],
  [/^gpt-5/, 400_000],
  [/^gpt-4o|^gpt-4-turbo|^chatgpt-4o/, 128_000],
  [/^gpt-4-32k/, 32_768],
  [/^gpt-4/, 8_192],
  [/^gpt-3\.5-turbo/, 16_385],
  [/^o\d/, 200_000],
  [/^claude-/, 200_000],
  [/^gemini-1\.5-pro/, 2_097_152],
  [/^gemini-/, 1_048_576],
];

/**
 * Approximate context window, in tokens, of a model id. OpenRouter-style ids
 * ("openai/gpt-4o-mini") are looked up by their model part.
 */
export function contextWindow(model: string): number {
  const id = model.toLowerCase().split("/").at(-1) ?? "";
  return CONTEXT_WINDOWS.find(([pattern]) => pattern.test(id))?.[1] ?? DEFAULT_CONTEXT_WINDOW;
}

// Models known to read text only; any other model is assumed to take images
// (a wrong guess is the provider's 400, which the caller sees).
const TEXT_ONLY: readonly RegExp[] = [/^gpt-3\.5/, /^gpt-4(-\d{4}|-32k)?$/, /^o1-mini|^o3-mini/, /^claude-(2|instant)/, /^text-/];

/** Whether a model accepts image parts. OpenRouter-style ids are looked up by their model part. */
export function takesImages(model: string): boolean {
  const id = model.toLowerCase().split("/").at(-1) ?? "";
  return !TEXT_ONLY.some((pattern) => pattern.test(id));
}

/** The base URL that points a vendor at the simulated providers server. */
export function simulatorBaseUrl(vendor: TVendor, simulatorUrl: string): string {
  const root = simulatorUrl.replace(/\/+$/, "");
  const paths = { openai: "/openai/v1", anthropic: "/anthropic/v1", google: "/google/v1beta" } as const;
  return `${root}${paths[VENDOR_CATALOG[vendor].wireFormat]}`;
}
