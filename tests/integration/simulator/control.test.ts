// Staging outages at run time, counting calls, and shutting down cleanly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSimulator, type TSimulator } from "@/lib/simulator/server";

import { callsOf, getJson, outcomeOf, postJson, request, uniqueKey } from "./sim-client";

let sim: TSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

const control = (body: unknown) => postJson(`${sim.url}/_control`, body);

describe("/_control", () => {
  it("switches a key to another behaviour and back", async () => {
    const key = uniqueKey("sim-ok");
    expect((await outcomeOf(request(sim.url, "anthropic", key))).outcome).toBe("ok");

    const staged = await control({ key, behaviour: "sim-529" });
    expect(staged.status).toBe(200);
    expect(await staged.json()).toEqual({ ok: true, key, behaviour: "sim-529" });
    expect((await outcomeOf(request(sim.url, "anthropic", key))).outcome).toBe("overloaded");

    await control({ key, behaviour: null });
    expect((await outcomeOf(request(sim.url, "anthropic", key))).outcome).toBe("ok");
  });

  it("overrides only the exact key, suffix included", async () => {
    const staged = uniqueKey("sim-ok");
    const neighbour = uniqueKey("sim-ok");
    await control({ key: staged, behaviour: "sim-500" });
    expect((await outcomeOf(request(sim.url, "google", staged))).outcome).toBe("server_error");
    expect((await outcomeOf(request(sim.url, "google", neighbour))).outcome).toBe("ok");
  });

  it("can give a key with a ~suffix the parameterised behaviours", async () => {
    const key = uniqueKey("sim-ok");
    await control({ key, behaviour: "sim-slow-2000~ignored" });
    expect((await outcomeOf(request(sim.url, "openai", key, { timeoutMs: 200 }))).outcome).toBe("timeout");
  });

  it.each([
    ["no behaviour", { key: "sim-ok~x" }, /behaviour/],
    ["an empty key", { key: "", behaviour: "sim-429" }, /key/],
    ["an extra field", { key: "sim-ok~x", behaviour: "sim-429", extra: true }, /extra/],
    ["an unknown behaviour", { key: "sim-ok~x", behaviour: "sim-explode" }, /Unknown behaviour "sim-explode"/],
  ])("rejects a body with %s as a JSON 400", async (_name, body, message) => {
    const response = await control(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
  });

  it("rejects a body that is not JSON", async () => {
    const response = await fetch(`${sim.url}/_control`, { method: "POST", body: "key=sim-ok" });
    expect(response.status).toBe(400);
  });
});

describe("/_stats", () => {
  it("counts calls per key and per vendor wire format", async () => {
    const key = uniqueKey("sim-ok");
    await outcomeOf(request(sim.url, "openai", key));
    await outcomeOf(request(sim.url, "openrouter", key));
    await outcomeOf(request(sim.url, "anthropic", key));
    await outcomeOf(request(sim.url, "google", key));
    expect(await callsOf(sim.url, key)).toEqual({ openai: 2, anthropic: 1, google: 1 });
  });

  it("counts keys that differ only in their suffix separately", async () => {
    const a = uniqueKey("sim-429");
    const b = uniqueKey("sim-429");
    await outcomeOf(request(sim.url, "openai", a));
    await outcomeOf(request(sim.url, "openai", a));
    await outcomeOf(request(sim.url, "openai", b));
    expect(await callsOf(sim.url, a)).toEqual({ openai: 2 });
    expect(await callsOf(sim.url, b)).toEqual({ openai: 1 });
  });
});

describe("/_stats listing", () => {
  it("names keys by their hints only; one key's counts are asked for by the key", async () => {
    const own = await startSimulator({ port: 0 });
    try {
      const key = `sim-ok~${"x".repeat(24)}wxyz`;
      await outcomeOf(request(own.url, "openai", key));
      await outcomeOf(request(own.url, "anthropic", key));
      const listing = await getJson<{ calls: object }>(`${own.url}/_stats`);
      expect(listing).toEqual({ calls: { "…wxyz": { openai: 1, anthropic: 1 } } });
      expect(JSON.stringify(listing)).not.toContain("sim-ok");
      expect(await getJson(`${own.url}/_stats?key=${encodeURIComponent(key)}`)).toEqual({ key: "…wxyz", calls: { openai: 1, anthropic: 1 } });
      expect(await getJson(`${own.url}/_stats?key=never-used`)).toEqual({ key: "…used", calls: {} });
    } finally {
      await own.close();
    }
  });
});

describe("/_control/reset", () => {
  it("clears overrides and stats", async () => {
    // Its own simulator: a reset would wipe the stats other tests are reading.
    const own = await startSimulator({ port: 0 });
    try {
      const key = uniqueKey("sim-ok");
      await postJson(`${own.url}/_control`, { key, behaviour: "sim-401" });
      expect((await outcomeOf(request(own.url, "openai", key))).outcome).toBe("auth");
      expect((await postJson(`${own.url}/_control/reset`, {})).status).toBe(200);
      expect(await getJson(`${own.url}/_stats`)).toEqual({ calls: {} });
      expect((await outcomeOf(request(own.url, "openai", key))).outcome).toBe("ok");
    } finally {
      await own.close();
    }
  });
});

describe("close()", () => {
  it("returns promptly while a sim-timeout request is still held, and the client sees the connection end", async () => {
    const own = await startSimulator({ port: 0 });
    const held = outcomeOf(request(own.url, "openai", uniqueKey("sim-timeout"), { timeoutMs: 20_000 }));
    // Wait until the simulator has the request, so close() really has one to drop.
    for (let i = 0; i < 100 && !Object.keys((await getJson<{ calls: object }>(`${own.url}/_stats`)).calls).length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const closed = own.close().then(() => "closed" as const);
    const tooLate = new Promise((resolve) => setTimeout(() => resolve("still waiting"), 5_000));
    expect(await Promise.race([closed, tooLate])).toBe("closed");
    expect((await held).outcome).toBe("network");
  });

  it("keeps serving after a client abandons a held request", async () => {
    const { outcome } = await outcomeOf(request(sim.url, "google", uniqueKey("sim-timeout"), { timeoutMs: 100 }));
    expect(outcome).toBe("timeout");
    expect((await outcomeOf(request(sim.url, "google", uniqueKey("sim-ok")))).outcome).toBe("ok");
  });
});
