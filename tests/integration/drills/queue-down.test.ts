// With Redis down, "Run failover drill" says the queue is unavailable and
// leaves nothing behind: no drill event, no call. Redis is a server of this
// file's own (own-services.ts): the shared one is never touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startRedis, type TOwnRedis } from "../../fixtures/own-services";

// Everything that opens a Redis connection is loaded once the environment points at this file's Redis.
const load = async () => ({
  ...(await import("@/lib/auth/agent-action")),
  ...(await import("@/lib/db/client")),
  ...(await import("@/lib/drills/drill-actions")),
  ...(await import("@/lib/drills/request-drill")),
  ...(await import("../../fixtures/turns")),
});
let m: Awaited<ReturnType<typeof load>>;
let redis: TOwnRedis;

beforeAll(async () => {
  redis = await startRedis();
  process.env.REDIS_URL = redis.url;
  m = await load();
}, 60_000);
afterAll(() => redis?.close());

describe("a drill with Redis down", () => {
  it("is refused with a message to try again, and nothing is recorded", async () => {
    const a = await m.createRunningAgent({ simulatorUrl: "http://127.0.0.1:9", primaryKey: "sim-ok" });
    // The web has been talking to Redis (a first drill was queued; no worker takes it), then Redis dies.
    const scope = { orgId: a.org.id, agentId: a.agent.id, userId: a.user.id };
    expect(await m.requestDrill(scope, { waitMs: 0 })).toMatchObject({ state: "pending" });
    await redis.kill();

    const result = await m.runAgentAction({ userId: a.user.id, orgSlug: a.org.slug, agentSlug: a.agent.slug, input: {}, ...m.drillActionSpecs.run });

    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^The job queue is unavailable \(.+\)\. Try again in a moment\.$/) });
    expect(await m.db.activityEvent.count({ where: { agentId: a.agent.id, type: "drill" } })).toBe(0);
  });
});
