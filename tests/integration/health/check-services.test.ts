import { afterAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { checkServices, healthReport, probe } from "@/lib/health/check-services";
import { redis } from "@/lib/redis";

afterAll(() => redis.quit());

describe("health", () => {
  it("reports both services up on this machine", async () => {
    const services = await checkServices();
    expect(healthReport(services)).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("answers 503 naming Redis when Redis does not answer", async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused.
    const dead = new Redis("redis://127.0.0.1:1", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    dead.on("error", () => {});
    const down = await probe(() => dead.connect().then(() => dead.ping()), 1000);
    dead.disconnect();
    expect(down.ok).toBe(false);
    const report = healthReport({ postgres: { ok: true, latencyMs: 1 }, redis: down });
    expect(report).toMatchObject({ status: 503, body: { status: "unavailable", message: "Unavailable: redis" } });
  });
});
