import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api/api-error";
import { authenticateRequest } from "@/lib/api/authenticate-request";
import { consumeRateLimit } from "@/lib/api-keys/consume-rate-limit";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { ZCreateApiKey } from "@/lib/api-keys/schemas";

import { createAgentWithProviders } from "../../fixtures/agents";

// Each key on its own: its organization's limit is far away.
const scope = () => ({ orgId: `org-${randomUUID()}`, keyId: `key-${randomUUID()}`, orgLimit: 1_000 });

async function consumeTimes(n: number, input: Parameters<typeof consumeRateLimit>[0]) {
  const results = [];
  for (let i = 0; i < n; i++) results.push(await consumeRateLimit(input));
  return results;
}

describe("per-key rate limit", () => {
  it("lets N requests through in a minute, then refuses the next with retry-after in seconds", async () => {
    const key = scope();
    const results = await consumeTimes(4, { ...key, limit: 3 });
    expect(results.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(results[3]).toMatchObject({ allowed: false });
    const refused = results[3] as { retryAfterSeconds: number };
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("counts each key on its own", async () => {
    const busy = scope();
    await consumeTimes(2, { ...busy, limit: 2 });
    expect(await consumeRateLimit({ ...busy, limit: 2 })).toMatchObject({ allowed: false });
    expect(await consumeRateLimit({ ...scope(), limit: 2 })).toEqual({ allowed: true });
    expect(await consumeRateLimit({ ...busy, keyId: `key-${randomUUID()}`, limit: 2 })).toEqual({ allowed: true });
  });

  it("lets a key in again once its oldest request has left the sliding window", async () => {
    const key = { ...scope(), limit: 2, windowMs: 1_000 };
    await consumeTimes(2, key);
    const refused = await consumeRateLimit(key);
    expect(refused).toEqual({ allowed: false, scope: "key", retryAfterSeconds: 1 });
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await consumeRateLimit(key)).toEqual({ allowed: true });
  });

  it("answers a key over its limit with a 429 in OpenAI's shape and a retry-after header", async () => {
    const { chain } = await createAgentWithProviders();
    const { key } = await createApiKey(chain, ZCreateApiKey.parse({ name: "Limited" }));
    const request = () => new Request("http://app.test/api/v1/chat/completions", { method: "POST", headers: { authorization: `Bearer ${key}` } });
    await authenticateRequest(request(), { perMinute: 2 });
    await authenticateRequest(request(), { perMinute: 2 });
    const error = await authenticateRequest(request(), { perMinute: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const { status, details } = error as ApiError;
    expect({ status, code: details.code }).toEqual({ status: 429, code: "rate_limit_exceeded" });
    expect(Number(details.headers?.["retry-after"])).toBeGreaterThanOrEqual(59);
  });
});

describe("per-organization rate limit", () => {
  it("stops all of an organization's keys together at its limit, and leaves other organizations alone", async () => {
    const orgId = `org-${randomUUID()}`;
    const key = (keyId: string) => ({ orgId, keyId, limit: 10, orgLimit: 3 });
    await consumeTimes(2, key("first"));
    expect(await consumeRateLimit(key("second"))).toEqual({ allowed: true });
    const refused = await consumeRateLimit(key("third"));
    expect(refused).toMatchObject({ allowed: false, scope: "organization" });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(await consumeRateLimit({ ...scope(), limit: 10, orgLimit: 3 })).toEqual({ allowed: true });
  });

  it("counts a request refused by the key's limit against neither window", async () => {
    const orgId = `org-${randomUUID()}`;
    const key = (keyId: string) => ({ orgId, keyId, limit: 1, orgLimit: 2 });
    expect(await consumeRateLimit(key("busy"))).toEqual({ allowed: true });
    expect(await consumeRateLimit(key("busy"))).toMatchObject({ allowed: false, scope: "key" });
    expect(await consumeRateLimit(key("other"))).toEqual({ allowed: true });
    expect(await consumeRateLimit(key("third"))).toMatchObject({ allowed: false, scope: "organization" });
  });

  it("answers an organization over its limit with a 429 that names the organization, whichever key is used", async () => {
    const { chain } = await createAgentWithProviders();
    const keys = await Promise.all(["One", "Two"].map((name) => createApiKey(chain, ZCreateApiKey.parse({ name }))));
    const request = (key: string) => new Request("http://app.test/api/v1/chat/completions", { method: "POST", headers: { authorization: `Bearer ${key}` } });
    const limits = { perMinute: 10, orgPerMinute: 2 };
    await authenticateRequest(request(keys[0]!.key), limits);
    await authenticateRequest(request(keys[1]!.key), limits);
    const error = await authenticateRequest(request(keys[0]!.key), limits).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const { status, message, details } = error as ApiError;
    expect({ status, code: details.code }).toEqual({ status: 429, code: "rate_limit_exceeded" });
    expect(message).toMatch(
      /^Rate limit of 2 requests per minute reached for this organization \(all its keys and its Chat tab together\)\. Retry in \d+ s\.$/,
    );
    expect(Number(details.headers?.["retry-after"])).toBeGreaterThanOrEqual(59);
  });
});
