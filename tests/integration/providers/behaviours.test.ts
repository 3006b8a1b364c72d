// Every adapter against every simulated behaviour, over real HTTP.
import { createServer } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TOutcomeClass, VENDORS } from "@/lib/providers/types";
import { startSimulator, type TSimulator } from "@/lib/simulator/server";

import { callsOf, MODELS, outcomeOf, request, SIM_VENDOR, TOOLS, uniqueKey } from "../simulator/sim-client";

let sim: TSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

type TCase = { key: string; outcome: TOutcomeClass; tools?: boolean; status?: number };

const CASES: TCase[] = [
  { key: "sim-429", outcome: "rate_limited", status: 429 },
  { key: "sim-quota", outcome: "quota_exhausted" },
  { key: "sim-500", outcome: "server_error", status: 500 },
  { key: "sim-503", outcome: "overloaded", status: 503 },
  { key: "sim-529", outcome: "overloaded", status: 529 },
  { key: "sim-529-stream", outcome: "overloaded" },
  { key: "sim-reset", outcome: "network" },
  { key: "sim-401", outcome: "auth" },
  { key: "not-a-simulator-key", outcome: "auth" },
  { key: "sim-404-model", outcome: "model_unavailable", status: 404 },
  { key: "sim-400", outcome: "bad_request", status: 400 },
  { key: "sim-context", outcome: "context_length" },
  { key: "sim-filter", outcome: "content_filter" },
  { key: "sim-empty", outcome: "empty" },
  { key: "sim-empty-tool", outcome: "empty", tools: true },
  { key: "sim-badjson-tool", outcome: "bad_tool_call", tools: true },
  { key: "sim-stream-cut-0", outcome: "stream_cut" },
  { key: "sim-stream-cut-3", outcome: "stream_cut" },
  { key: "sim-slow-150", outcome: "ok" },
];

describe.each(VENDORS)("%s adapter", (vendor) => {
  it("answers sim-ok with text naming the vendor, token usage and latency", async () => {
    const key = uniqueKey("sim-ok");
    const { outcome, result } = await outcomeOf(request(sim.url, vendor, key));
    expect(outcome).toBe("ok");
    expect(result?.text).toBe(`[${SIM_VENDOR[vendor]}:${MODELS[vendor]}] You said: hello there, simulated friend of mine`);
    expect(result?.finishReason).toBe("stop");
    expect(result?.usage.inputTokens).toBeGreaterThan(0);
    expect(result?.usage.outputTokens).toBeGreaterThan(0);
    expect(result?.latencyMs).toBeGreaterThan(0);
    expect(await callsOf(sim.url, key)).toEqual({ [SIM_VENDOR[vendor]]: 1 });
  });

  it("stops at the caller's max tokens with finish reason length", async () => {
    const key = uniqueKey("sim-ok");
    const { outcome, result } = await outcomeOf(request(sim.url, vendor, key, { sampling: { maxTokens: 3 } }));
    expect(outcome).toBe("ok");
    expect(result?.finishReason).toBe("length");
    expect(result?.text).toBe(`[${SIM_VENDOR[vendor]}:${MODELS[vendor]}] You said: `);
  });

  it.each(CASES)("classifies $key as $outcome", async ({ key: behaviour, outcome, tools, status }) => {
    const key = uniqueKey(behaviour);
    const over = tools ? { tools: TOOLS, messages: [{ role: "user" as const, content: "calculate 2+2" }] } : {};
    const got = await outcomeOf(request(sim.url, vendor, key, over));
    expect(got.outcome).toBe(outcome);
    if (status) expect(got.error?.status).toBe(status);
    expect(await callsOf(sim.url, key)).toEqual({ [SIM_VENDOR[vendor]]: 1 });
  });

  it("gives up on sim-timeout at its own timeout", async () => {
    const { outcome, error } = await outcomeOf(request(sim.url, vendor, uniqueKey("sim-timeout"), { timeoutMs: 300 }));
    expect(outcome).toBe("timeout");
    expect(error?.message).toBe("Timed out after 0.3 s");
  });

  it("gives up on an answer slower than the timeout", async () => {
    const { outcome } = await outcomeOf(request(sim.url, vendor, uniqueKey("sim-slow-3000"), { timeoutMs: 300 }));
    expect(outcome).toBe("timeout");
  });

  it("counts a caller abort as a timeout", async () => {
    const controller = new AbortController();
    const pending = outcomeOf(request(sim.url, vendor, uniqueKey("sim-timeout"), { signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    const { outcome, error } = await pending;
    expect(outcome).toBe("timeout");
    expect(error?.message).toMatch(/cancelled by the caller/);
  });

  it("cuts sim-endless at PROVIDER_ANSWER_MAX_BYTES as a failed attempt, saying so", async () => {
    // Read at each call; half a megabyte, 16 KiB a millisecond, keeps the
    // test light for the files running beside it.
    const before = process.env.PROVIDER_ANSWER_MAX_BYTES;
    process.env.PROVIDER_ANSWER_MAX_BYTES = String(512 * 1024);
    try {
      const key = uniqueKey("sim-endless-1");
      const { outcome, error } = await outcomeOf(request(sim.url, vendor, key, { timeoutMs: 5_000 }));
      expect(outcome).toBe("server_error");
      expect(error?.message).toBe("Server error: The answer passed 0.5 MB and was cut");
      expect(await callsOf(sim.url, key)).toEqual({ [SIM_VENDOR[vendor]]: 1 });
    } finally {
      if (before === undefined) delete process.env.PROVIDER_ANSWER_MAX_BYTES;
      else process.env.PROVIDER_ANSWER_MAX_BYTES = before;
    }
  });

  it("fails every second call of sim-flaky-50 with overloaded", async () => {
    const key = uniqueKey("sim-flaky-50");
    const outcomes: TOutcomeClass[] = [];
    for (let i = 0; i < 4; i++) outcomes.push((await outcomeOf(request(sim.url, vendor, key))).outcome);
    expect(outcomes).toEqual(["ok", "overloaded", "ok", "overloaded"]);
    expect(await callsOf(sim.url, key)).toEqual({ [SIM_VENDOR[vendor]]: 4 });
  });

  it("passes on the retry-after of a 429", async () => {
    const { error } = await outcomeOf(request(sim.url, vendor, uniqueKey("sim-429")));
    expect(error?.retryAfterMs).toBe(1000);
  });

  it("never puts the key in the error message", async () => {
    const key = uniqueKey("wrong-key-for-sure");
    const { outcome, error } = await outcomeOf(request(sim.url, vendor, key));
    expect(outcome).toBe("auth");
    expect(error?.message).not.toContain(key);
    expect(error?.message).not.toContain(key.slice(-4));
  });
});

describe("unreachable provider", () => {
  it("reports a refused connection as network", async () => {
    // A port that was free a moment ago: nothing listens there now.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { outcome, error } = await outcomeOf(request(`http://127.0.0.1:${port}`, "openai", "sim-ok"));
    expect(outcome).toBe("network");
    expect(error?.message).toMatch(/ECONNREFUSED/);
  });

  it("refuses an OpenAI-compatible provider without a base URL", async () => {
    const { outcome, error } = await outcomeOf({ ...request(sim.url, "openai_compatible", "sim-ok"), baseUrl: null });
    expect(outcome).toBe("bad_request");
    expect(error?.message).toBe("OpenAI-compatible needs a base URL");
  });
});
