import { describe, expect, it } from "vitest";

import { ZEnv } from "@/lib/env";
import { metricsAccess } from "@/lib/observability/metrics-endpoint";

const TOKEN = "t".repeat(40);

describe("metrics access", () => {
  it("does not exist without METRICS_TOKEN, whatever is sent", () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, undefined)).toBe(404);
    expect(metricsAccess(null, undefined)).toBe(404);
  });

  it("serves the configured bearer token only", () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, TOKEN)).toBe("ok");
    for (const sent of [null, "", TOKEN, `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, "Bearer "]) {
      expect(metricsAccess(sent, TOKEN)).toBe(401);
    }
  });

  it("refuses a METRICS_TOKEN shorter than 32 characters at start, and takes an empty one as unset", () => {
    const parse = (METRICS_TOKEN: string) => ZEnv.safeParse({ MASTER_KEY: Buffer.alloc(32, 1).toString("base64"), METRICS_TOKEN });
    expect(parse("short").error?.issues[0]).toMatchObject({ path: ["METRICS_TOKEN"], message: expect.stringMatching(/at least 32 characters/) });
    expect(parse("").data?.METRICS_TOKEN).toBeUndefined();
    expect(parse(TOKEN).data?.METRICS_TOKEN).toBe(TOKEN);
  });
});
