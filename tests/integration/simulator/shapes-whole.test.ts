// Stream-shape keys on requests that do not stream (and Gemini's JSON-array
// stream), keys outside the limits, and shapes that must not hold the
// simulator open.
import { createHook } from "node:async_hooks";
import { performance } from "node:perf_hooks";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSimulator, type TSimulator } from "@/lib/simulator/server";

import { expectedChunks, geminiShape, SHAPE_VENDORS, textFrames, type TShapeVendor } from "./shape-vendors";
import { getJson, uniqueKey } from "./sim-client";
import { openStream } from "./stream-reader";

let sim: TSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ask = (vendor: TShapeVendor, key: string) =>
  fetch(`${sim.url}${vendor.path(false)}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...vendor.headers(key) },
    body: JSON.stringify(vendor.body({ stream: false })),
  });

const openWhole = (vendor: TShapeVendor, key: string) => openStream(`${sim.url}${vendor.path(false)}`, vendor.headers(key), vendor.body({ stream: false }));

// What each vendor answers an unknown key with (Gemini: a 400, not a 401).
const UNAUTHORIZED: Record<string, { status: number; marker: string }> = {
  openai: { status: 401, marker: "invalid_api_key" },
  anthropic: { status: 401, marker: "authentication_error" },
  google: { status: 400, marker: "API_KEY_INVALID" },
};

describe.each(SHAPE_VENDORS)("$vendor without streaming", (vendor) => {
  it("sim-chunks-3-40 waits at least 3 × 40 ms, then answers the whole c-word text as JSON", async () => {
    const started = performance.now();
    const response = await ask(vendor, uniqueKey("sim-chunks-3-40"));
    // One millisecond of timer slack, as in the streaming tests.
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 40 - 1);
    expect(response.status).toBe(200);
    expect(vendor.wholeText(await response.json())).toBe(expectedChunks(vendor, 3).join(""));
  });

  it("sim-cut-after-2 resets the connection before any answer", async () => {
    const reader = openWhole(vendor, uniqueKey("sim-cut-after-2"));
    expect(await reader.ended).toBe("reset");
    expect(reader.status()).toBeUndefined();
  });

  it("sim-stall-after-2 never answers", async () => {
    const reader = openWhole(vendor, uniqueKey("sim-stall-after-2"));
    await sleep(300);
    expect(reader.status()).toBeUndefined();
    expect(reader.bytes()).toBe(0);
    reader.abort();
    expect(await reader.ended).toBe("closed");
  });

  it("sim-error-after-2 answers the vendor's overloaded error, as sim-529 does", async () => {
    const shaped = await ask(vendor, uniqueKey("sim-error-after-2"));
    const plain = await ask(vendor, uniqueKey("sim-529"));
    expect(shaped.status).toBe(529);
    expect(plain.status).toBe(529);
    const [shapedBody, plainBody] = (await Promise.all([shaped.json(), plain.json()])) as [{ error: unknown }, { error: unknown }];
    expect(shapedBody.error).toEqual(plainBody.error);
  });

  it.each([
    "sim-chunks-0-10",
    "sim-chunks-100001-0",
    "sim-chunks-2-60001",
    "sim-chunks-1-0-1048577",
    "sim-chunks-65-0-1048576",
    "sim-cut-after-100001",
    "sim-stall-after-1-60001",
    "sim-error-after-x",
  ])("treats the out-of-range key %s as unknown", async (behaviour) => {
    const response = await ask(vendor, uniqueKey(behaviour));
    const expected = UNAUTHORIZED[vendor.vendor];
    expect(response.status).toBe(expected?.status);
    expect(JSON.stringify(await response.json())).toContain(expected?.marker);
  });
});

describe("Gemini streamGenerateContent without alt=sse", () => {
  it("waits for the chunks' time, then sends them as one JSON array", async () => {
    const started = performance.now();
    const response = await fetch(`${sim.url}/google/v1beta/models/gemini-2.0-flash:streamGenerateContent`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": uniqueKey("sim-chunks-3-40") },
      body: JSON.stringify(geminiShape.body({ stream: true })),
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 40 - 1);
    const items = (await response.json()) as unknown[];
    const frames = items.map((data) => ({ data: JSON.stringify(data), at: 0 }));
    expect(textFrames(geminiShape, frames).map((frame) => geminiShape.text(frame))).toEqual(expectedChunks(geminiShape, 3));
  });
});

describe("shapes that hold a request", () => {
  it("let close() return promptly while a stream stalls and another waits between chunks", async () => {
    const own = await startSimulator({ port: 0 });
    const vendor = SHAPE_VENDORS[0] as TShapeVendor;
    const open = (key: string) => openStream(`${own.url}${vendor.path(true)}`, vendor.headers(key), vendor.body({ stream: true }));
    const stalled = open(uniqueKey("sim-stall-after-1"));
    const paused = open(uniqueKey("sim-chunks-3-60000"));
    const waiting = openStream(`${own.url}${vendor.path(false)}`, vendor.headers(uniqueKey("sim-stall-after-1")), vendor.body({ stream: false }));
    await stalled.waitFor((frames) => textFrames(vendor, frames).length === 1);
    await paused.waitFor((frames) => textFrames(vendor, frames).length === 1);
    while (Object.keys((await getJson<{ calls: object }>(`${own.url}/_stats`)).calls).length < 3) await sleep(5);

    const closed = own.close().then(() => "closed" as const);
    expect(await Promise.race([closed, sleep(5_000).then(() => "still waiting")])).toBe("closed");
    expect(await stalled.ended).toBe("aborted");
    expect(await paused.ended).toBe("aborted");
    expect(["reset", "aborted"]).toContain(await waiting.ended);
  });

  it("frees the timer of a stream paused between chunks when its client leaves", async () => {
    // Every timer created from here on, until it fires or is cleared.
    const live = new Set<number>();
    const hook = createHook({
      init: (id, type) => void (type === "Timeout" && live.add(id)),
      destroy: (id) => void live.delete(id),
    }).enable();
    try {
      const vendor = SHAPE_VENDORS[1] as TShapeVendor;
      const reader = openStream(`${sim.url}${vendor.path(true)}`, vendor.headers(uniqueKey("sim-chunks-3-60000")), vendor.body({ stream: true }));
      await reader.waitFor((frames) => textFrames(vendor, frames).length === 1);
      reader.abort();
      await reader.ended;
      // Includes the simulator's 60 s pause; the test's own polling timers fire within milliseconds.
      const pending = [...live];
      for (let i = 0; i < 200 && pending.some((id) => live.has(id)); i++) await sleep(5);
      expect(pending.filter((id) => live.has(id))).toEqual([]);
    } finally {
      hook.disable();
    }
  });
});
