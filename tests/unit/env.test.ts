import { describe, expect, it } from "vitest";

import { MAX_EMAIL_RECIPIENTS } from "@/lib/alerts/schemas";
import { demoAllowed, demoRuleError, formatEnvError, ZEnv } from "@/lib/env";

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

  it("gives every quota its documented default, and never fewer recipient links an hour than one channel's addresses", () => {
    const key = Buffer.alloc(32, 1).toString("base64");
    expect(ZEnv.parse({ MASTER_KEY: key })).toMatchObject({
      ORGS_PER_USER: 3,
      ALERT_CHANNELS_PER_ORG: 20,
      ALERT_TESTS_PER_HOUR: 20,
      DRILLS_PER_HOUR: 10,
      ALERT_RECIPIENT_LINKS_PER_HOUR: 20,
      ORG_MAX_ALERT_DELIVERIES_IN_FLIGHT: 2,
    });
    const links = ZEnv.safeParse({ MASTER_KEY: key, ALERT_RECIPIENT_LINKS_PER_HOUR: String(MAX_EMAIL_RECIPIENTS - 1) });
    expect(formatEnvError(links.error!)).toMatch(/^Configuration error: ALERT_RECIPIENT_LINKS_PER_HOUR is invalid: /);
  });

  it("takes 0 (no scan in this process) or 100 ms to 10 minutes for the alert scan", () => {
    const parse = (value: string) => ZEnv.safeParse({ MASTER_KEY: Buffer.alloc(32, 1).toString("base64"), ALERT_SCAN_INTERVAL_MS: value });
    expect(parse("0").data?.ALERT_SCAN_INTERVAL_MS).toBe(0);
    expect(parse("5000").data?.ALERT_SCAN_INTERVAL_MS).toBe(5000);
    expect(formatEnvError(parse("50").error!)).toMatch(/ALERT_SCAN_INTERVAL_MS is invalid: must be 0 \(off\) or 100 to 600000/);
  });

  describe("the demo login and private provider URLs", () => {
    const parse = (values: Record<string, string>) => ZEnv.parse({ MASTER_KEY: Buffer.alloc(32, 1).toString("base64"), ...values });

    it("are allowed for local use and tests", () => {
      for (const NODE_ENV of ["development", "test"]) {
        const values = parse({ NODE_ENV, ALLOW_PRIVATE_PROVIDER_URLS: "true" });
        expect(demoAllowed(values)).toBe(true);
        expect(demoRuleError(values)).toBeNull();
      }
      expect(demoAllowed(parse({}))).toBe(true);
    });

    it("are refused when NODE_ENV=production without DEMO=true", () => {
      const values = parse({ NODE_ENV: "production", ALLOW_PRIVATE_PROVIDER_URLS: "true" });
      expect(demoAllowed(values)).toBe(false);
      expect(demoRuleError(values)).toMatch(/^Configuration error: ALLOW_PRIVATE_PROVIDER_URLS=true is refused when NODE_ENV=production unless DEMO=true/);
    });

    it("are allowed in production when DEMO=true asks for them", () => {
      const values = parse({ NODE_ENV: "production", DEMO: "true", ALLOW_PRIVATE_PROVIDER_URLS: "true" });
      expect(demoAllowed(values)).toBe(true);
      expect(demoRuleError(values)).toBeNull();
    });

    it("leave a production deployment with public provider URLs alone", () => {
      expect(demoRuleError(parse({ NODE_ENV: "production" }))).toBeNull();
    });
  });
});
