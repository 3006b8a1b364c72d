// Test-side helpers for talking to an in-process simulator over real HTTP.
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll } from "vitest";

import { simulatorBaseUrl } from "@/lib/providers/catalog";
import { chat } from "@/lib/providers/chat";
import { classifyResult } from "@/lib/providers/error-map";
import { ProviderError } from "@/lib/providers/provider-error";
import type { TChatRequest, TChatResult, TOutcomeClass, TToolSpec, TVendor } from "@/lib/providers/types";
import { startSimulator, type TSimulator } from "@/lib/simulator/server";
import type { TSimCalls, TSimRequest, TSimVendor } from "@/lib/simulator/stats";

/** A key with its own suffix, so no other test shares its stats or overrides. */
export const uniqueKey = (behaviour: string) => `${behaviour}~${randomUUID().slice(0, 8)}`;

export const SIM_VENDOR: Record<TVendor, TSimVendor> = {
  openai: "openai",
  anthropic: "anthropic",
  google: "google",
  openrouter: "openai",
  openai_compatible: "openai",
};

export const MODELS: Record<TVendor, string> = {
  openai: "gpt-4o-mini",
  anthropic: "claude-3-5-haiku-latest",
  google: "gemini-2.0-flash",
  openrouter: "openai/gpt-4o-mini",
  openai_compatible: "llama-3.1-8b",
};

export const TOOLS: TToolSpec[] = [
  { name: "current_time", description: "The current time, ISO 8601", parameters: { type: "object", properties: {} } },
  {
    name: "calculator",
    description: "Evaluates an arithmetic expression",
    parameters: { type: "object", properties: { expression: { type: "string" } }, required: ["expression"] },
  },
];

export function request(simUrl: string, vendor: TVendor, apiKey: string, over: Partial<TChatRequest> = {}): TChatRequest {
  return {
    vendor,
    apiKey,
    baseUrl: simulatorBaseUrl(vendor, simUrl),
    model: MODELS[vendor],
    messages: [{ role: "user", content: "hello there, simulated friend of mine" }],
    timeoutMs: 5_000,
    ...over,
  };
}

type TOutcome = { outcome: TOutcomeClass; result?: TChatResult; error?: ProviderError };

/** The class of a call, whether it threw or answered. */
export async function outcomeOf(req: TChatRequest): Promise<TOutcome> {
  try {
    const result = await chat(req);
    return { outcome: classifyResult(result, (req.tools?.length ?? 0) > 0), result };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { outcome: error.outcome, error };
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  return (await response.json()) as T;
}

export async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

export const callsOf = async (simUrl: string, key: string) => (await getJson<{ calls: TSimCalls }>(`${simUrl}/_stats?key=${encodeURIComponent(key)}`)).calls;

export const lastRequest = (simUrl: string, key: string) => getJson<TSimRequest>(`${simUrl}/_last-request?key=${encodeURIComponent(key)}`);

// A simulator on a random port for one test file; `sim.url` once it is up.
export function useSimulator(): { readonly url: string } {
  let server: TSimulator | undefined;
  beforeAll(async () => {
    server = await startSimulator({ port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error("The simulator starts in beforeAll");
      return server.url;
    },
  };
}
