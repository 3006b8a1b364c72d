import { describe, expect, it } from "vitest";

import { contextWindow, DEFAULT_CONTEXT_WINDOW, simulatorBaseUrl, VENDOR_CATALOG } from "@/lib/providers/catalog";
import { VENDORS } from "@/lib/providers/types";

describe("vendor catalog", () => {
  it("labels every vendor", () => {
    expect(VENDORS.map((vendor) => VENDOR_CATALOG[vendor].label)).toEqual(["OpenAI", "Anthropic", "Google Gemini", "OpenRouter", "OpenAI-compatible"]);
  });

  it("requires a base URL only for OpenAI-compatible, which has no default", () => {
    for (const vendor of VENDORS) {
      const info = VENDOR_CATALOG[vendor];
      expect(info.baseUrlRequired).toBe(vendor === "openai_compatible");
      expect(info.defaultBaseUrl === null).toBe(info.baseUrlRequired);
    }
    expect(VENDOR_CATALOG.openrouter.defaultBaseUrl).toBe("https://openrouter.ai/api/v1");
  });

  it("suggests a model for every vendor but OpenAI-compatible", () => {
    expect(VENDOR_CATALOG.openai.suggestedModel).toBe("gpt-4o-mini");
    expect(VENDOR_CATALOG.anthropic.suggestedModel).toBe("claude-3-5-haiku-latest");
    expect(VENDOR_CATALOG.google.suggestedModel).toBe("gemini-2.0-flash");
    expect(VENDOR_CATALOG.openrouter.suggestedModel).toBe("openai/gpt-4o-mini");
    expect(VENDOR_CATALOG.openai_compatible.suggestedModel).toBeNull();
  });
});

describe("contextWindow", () => {
  it.each([
    ["gpt-4o-mini", 128_000],
    ["gpt-4.1-mini", 1_047_576],
    ["gpt-4", 8_192],
    ["o3-mini", 200_000],
    ["claude-3-5-haiku-latest", 200_000],
    ["gemini-2.0-flash", 1_048_576],
    ["gemini-1.5-pro-002", 2_097_152],
    ["openai/gpt-4o-mini", 128_000],
    ["anthropic/claude-3.5-sonnet", 200_000],
  ])("knows %s", (model, tokens) => {
    expect(contextWindow(model)).toBe(tokens);
  });

  it("falls back to a conservative default for unknown models", () => {
    expect(contextWindow("llama3.1:8b")).toBe(DEFAULT_CONTEXT_WINDOW);
  });
});

describe("simulatorBaseUrl", () => {
  it("points each vendor at its wire format's path", () => {
    const sim = "http://127.0.0.1:4010/";
    expect(simulatorBaseUrl("openai", sim)).toBe("http://127.0.0.1:4010/openai/v1");
    expect(simulatorBaseUrl("anthropic", sim)).toBe("http://127.0.0.1:4010/anthropic/v1");
    expect(simulatorBaseUrl("google", sim)).toBe("http://127.0.0.1:4010/google/v1beta");
    expect(simulatorBaseUrl("openrouter", sim)).toBe("http://127.0.0.1:4010/openai/v1");
    expect(simulatorBaseUrl("openai_compatible", sim)).toBe("http://127.0.0.1:4010/openai/v1");
  });
});
