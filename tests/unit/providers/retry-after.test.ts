import { describe, expect, it } from "vitest";

import { retryAfterMs } from "@/lib/providers/retry-after";

describe("retryAfterMs", () => {
  it("reads retry-after in seconds", () => {
    expect(retryAfterMs({ "retry-after": "20" }, undefined)).toBe(20_000);
  });

  it("prefers OpenAI's retry-after-ms", () => {
    expect(retryAfterMs({ "retry-after-ms": "1500", "retry-after": "2" }, undefined)).toBe(1500);
  });

  it("reads retry-after as an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }, undefined, now)).toBe(30_000);
  });

  it("reads Gemini's RetryInfo from the body", () => {
    const body = JSON.stringify({ error: { details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "43s" }] } });
    expect(retryAfterMs({}, body)).toBe(43_000);
  });

  it("is undefined when the provider did not say", () => {
    expect(retryAfterMs({ "retry-after": "soon" }, "{}")).toBeUndefined();
    expect(retryAfterMs(undefined, undefined)).toBeUndefined();
  });
});
