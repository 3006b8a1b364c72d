import { describe, expect, it } from "vitest";
import { formatEnvError, ZEnv } from "@/lib/env";

describe("environment", () => {
  it("names a missing master key in one line", () => {
    const parsed = ZEnv.safeParse({});
    expect(parsed.success).toBe(false);
    const line = formatEnvError(parsed.error!);
    expect(line).toBe("Configuration error: MASTER_KEY is missing. See the configuration table in README.md.");
  });

  it("rejects a master key that is not 32 bytes of base64", () => {
    const parsed = ZEnv.safeParse({ MASTER_KEY: "too-short" });
    expect(formatEnvError(parsed.error!)).toMatch(/MASTER_KEY is invalid: must be 32 random bytes in base64/);
  });

  it("fills defaults for everything else", () => {
    const parsed = ZEnv.parse({ MASTER_KEY: Buffer.alloc(32, 1).toString("base64") });
    expect(parsed).toMatchObject({ REDIS_URL: "redis://127.0.0.1:6379", WORKER_CONCURRENCY: 32, ALLOW_PRIVATE_PROVIDER_URLS: false });
  });
});
