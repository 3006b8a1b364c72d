// Redis stays bounded: the schedules keep a bounded number of finished jobs
// however often they run, and every key the app writes is under QUEUE_PREFIX
// with an expiry. Real Redis, PostgreSQL and route handler.
import { Queue, Worker } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";

import { POST } from "@/app/api/v1/chat/completions/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { ZCreateApiKey } from "@/lib/api-keys/schemas";
import { changePassword } from "@/lib/auth/change-password";
import { takeIpAttempt } from "@/lib/auth/ip-limit";
import { takeSignInAttempt } from "@/lib/auth/sign-in-limit";
import { createEnvCircuitStore } from "@/lib/provider-health/env-circuit-store";
import { createRedis } from "@/lib/queue/connections";
import { DAILY_DRILLS, QUEUES } from "@/lib/queue/names";
import { KEEP_JOBS, SCHEDULES, upsertSchedules } from "@/lib/queue/schedules";
import { takeStreamLease } from "@/lib/turns/stream-leases";
import { openTurnStream } from "@/lib/turns/turn-stream";
import { unique } from "@/prisma/factories";

import { isolateQueues } from "../../fixtures/isolated-queues";
import { createRunningAgent } from "../../fixtures/turns";
import { eventually } from "../../fixtures/worker-process";

const prefix = isolateQueues("bounded");
const redis = createRedis("worker");
const queues = {
  health: new Queue(QUEUES.health, { connection: redis, prefix }),
  maintenance: new Queue(QUEUES.maintenance, { connection: redis, prefix }),
  drills: new Queue(QUEUES.drills, { connection: redis, prefix }),
  alerts: new Queue(QUEUES.alerts, { connection: redis, prefix }),
};
afterAll(async () => {
  await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true }).then(() => q.close())));
  redis.disconnect();
});

describe("finished jobs", () => {
  it("the schedules keep a bounded number of completed and failed jobs after 150 runs", async () => {
    // The worker's own schedules, run every few milliseconds instead of seconds.
    await upsertSchedules({ ...queues, probeEveryMs: 5, reconcileEveryMs: 5, alertScanEveryMs: 60_000 });
    let runs = 0;
    // A worker with no retention of its own: what is kept is what the schedules say.
    const worker = new Worker(
      QUEUES.health,
      async () => {
        runs += 1;
        if (runs % 10 === 0) throw new Error("a failing run");
      },
      { connection: createRedis("worker"), prefix, concurrency: 4 },
    );
    try {
      await eventually("150 scheduled runs", async () => (runs >= 150 ? runs : undefined), 60_000);
    } finally {
      await worker.close();
    }
    const counts = await queues.health.getJobCounts("completed", "failed");
    console.log(`kept after ${runs} runs: ${JSON.stringify(counts)}`);
    expect(counts.completed).toBeLessThanOrEqual(KEEP_JOBS.removeOnComplete.count);
    expect(counts.completed).toBeGreaterThan(0);
    const scheduled = [
      [queues.health, SCHEDULES.probe],
      [queues.health, SCHEDULES.reconcile],
      [queues.alerts, SCHEDULES.alerts],
    ] as const;
    expect(scheduled.map(([, id]) => id).sort()).toEqual(Object.values(SCHEDULES).sort());
    for (const [queue, id] of scheduled) expect((await queue.getJobScheduler(id))?.template?.opts).toMatchObject(KEEP_JOBS);
    expect((await queues.drills.getJobScheduler(DAILY_DRILLS.scheduler))?.template?.opts).toMatchObject(KEEP_JOBS);
  });
});

describe("keys the app writes", () => {
  const keysOf = async (fragment: string) => {
    const found: string[] = [];
    for (let cursor = "0", first = true; first || cursor !== "0"; first = false) {
      const [next, keys] = await redis.scan(cursor, "MATCH", `*${fragment}*`, "COUNT", 1000);
      cursor = next;
      found.push(...keys);
    }
    return found;
  };

  it("are under QUEUE_PREFIX and expire: circuits, API and sign-in limits, turn streams, open streams' leases", async () => {
    const { org, user, agent, providers } = await createRunningAgent({ simulatorUrl: "http://127.0.0.1:9", primaryKey: "sim-ok" });
    const { key } = await createApiKey({ orgId: org.id, agentId: agent.id, userId: user.id }, ZCreateApiKey.parse({ name: "Bounded" }));
    // Counted by the limits, then refused for its model: no turn needed.
    const response = await POST(
      new Request("http://localhost/api/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "no-such-agent", messages: [{ role: "user", content: "Hi" }] }),
      }),
    );
    expect(response.status).toBe(404);
    const { store, redis: storeRedis } = createEnvCircuitStore();
    if (storeRedis.status !== "ready") await new Promise((resolve) => storeRedis.once("ready", resolve));
    for (let i = 0; i < 3; i += 1) await store.recordFailure({ key: `${providers.primary.id}|m`, now: Date.now(), outcome: "server_error", status: 500 });
    storeRedis.disconnect();
    const email = `${unique("bounded")}@example.test`;
    await takeSignInAttempt({ ip: "192.0.2.1", email });
    await takeIpAttempt(email);
    await changePassword({ userId: user.id, currentPassword: "not the password", newPassword: "a new long password", ip: email }).catch(() => undefined);
    const turnId = unique("turn");
    await openTurnStream({
      redis,
      turnId,
      onError: (error) => {
        throw error;
      },
    }).end({ ok: true, providers: [], failedOver: false, usage: null, error: null });

    const leased = await takeStreamLease({ orgId: org.id, owner: { userId: user.id } });
    expect(leased.ok).toBe(true);

    const written = [
      ...(await keysOf(org.id)),
      ...(await keysOf(providers.primary.id)),
      ...(await keysOf(email)),
      ...(await keysOf(user.id)),
      ...(await keysOf(turnId)),
    ];
    // The key's and the organization's API windows, a circuit's state and the open index, sign-in (address and email, email, address), password change, stream, the leases.
    expect(written.length).toBeGreaterThanOrEqual(6);
    for (const each of written) {
      expect(each.startsWith(`${prefix}:`), each).toBe(true);
      expect(await redis.pttl(each), each).toBeGreaterThan(0);
    }
    expect(await redis.pttl(`${prefix}:circuit:open`)).toBeGreaterThan(0);
  });
});
