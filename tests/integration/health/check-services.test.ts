import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

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

  it("tells a caller only up or down per service, with no error text, host or port (signed in or not: see the e2e health spec)", async () => {
    // A PostgreSQL checker pointed at a closed port: its error names 127.0.0.1:1.
    const dead = new pg.Client({ host: "127.0.0.1", port: 1, user: "postgres", database: "postgres", connectionTimeoutMillis: 1000 });
    const down = await probe(() => dead.connect(), 1000);
    await dead.end().catch(() => {});
    expect(down.error).toMatch(/127\.0\.0\.1:1/);
    const report = healthReport({ postgres: down, redis: await probe(() => redis.ping(), 1000) });
    expect(report.status).toBe(503);
    expect(report.body.services).toEqual({ postgres: { ok: false }, redis: { ok: true } });
    const text = JSON.stringify(report.body);
    expect(text).not.toMatch(/127\.0\.0\.1|:1\b|ECONNREFUSED|error/i);
  });
});
