// An organization's turn slots in Redis: the cap, a turn delivered again,
// renewal while a turn runs, and the lease that frees what a killed worker held.
import { randomUUID } from "node:crypto";

import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { redisKey } from "@/lib/queue/connections";
import { startSimulator } from "@/lib/simulator/server";
import { turnSlots } from "@/lib/turns/turn-slots";

import { isolateQueues } from "../../fixtures/isolated-queues";
import { createRunningAgent, sendTurn, settleLeftovers } from "../../fixtures/turns";
import { eventually, startWorker, type TWorkerProcess } from "../../fixtures/worker-process";

isolateQueues("slots");
const redis = new Redis(process.env.REDIS_URL!);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const org = () => `org-${randomUUID()}`;
const slotsWith = (leaseMs: number, connection = redis) => turnSlots({ redis: connection, leaseMs });

afterAll(() => {
  redis.disconnect();
});

describe("turn slots", () => {
  it("lets cap turns of an organization hold a slot at once, refuses the next, and leaves other organizations alone", async () => {
    const slots = slotsWith(30_000);
    const busy = org();
    const held = await Promise.all(["t1", "t2"].map((turnId) => slots.hold({ orgId: busy, turnId, cap: 2 })));
    expect(held.every(Boolean)).toBe(true);
    expect(await slots.hold({ orgId: busy, turnId: "t3", cap: 2 })).toBeUndefined();
    expect(await slots.inFlight(busy)).toBe(2);
    const other = await slots.hold({ orgId: org(), turnId: "t1", cap: 2 });
    expect(other).toBeDefined();
    await held[0]!.release();
    expect(await slots.hold({ orgId: busy, turnId: "t3", cap: 2 })).toBeDefined();
    expect(await slots.inFlight(busy)).toBe(2);
  });

  it("gives a turn delivered again the slot it already holds, not a second one", async () => {
    const slots = slotsWith(30_000);
    const orgId = org();
    await slots.hold({ orgId, turnId: "again", cap: 1 });
    expect(await slots.hold({ orgId, turnId: "again", cap: 1 })).toBeDefined();
    expect(await slots.inFlight(orgId)).toBe(1);
    expect(await slots.hold({ orgId, turnId: "other", cap: 1 })).toBeUndefined();
  });

  it("lines up the turns refused a slot, and a released slot names the one that has waited longest", async () => {
    const slots = slotsWith(30_000);
    const orgId = org();
    const first = await slots.hold({ orgId, turnId: "running", cap: 1 });
    for (const turnId of ["waits-longest", "waits-next", "waits-longest"]) expect(await slots.hold({ orgId, turnId, cap: 1 })).toBeUndefined();
    expect(await first!.release()).toBe("waits-longest");
    const second = await slots.hold({ orgId, turnId: "waits-longest", cap: 1 });
    expect(await second!.release()).toBe("waits-next");
    const third = await slots.hold({ orgId, turnId: "waits-next", cap: 1 });
    expect(await third!.release()).toBeUndefined();
  });

  it("keeps a running turn's slot past its lease by renewing it, and frees one whose holder stopped renewing", async () => {
    const orgId = org();
    const live = await slotsWith(600).hold({ orgId, turnId: "live", cap: 2 });
    // A worker that lost Redis for good: its renewals fail, as a killed one's never come.
    const lost = new Redis(process.env.REDIS_URL!);
    await slotsWith(600, lost).hold({ orgId, turnId: "lost", cap: 2 });
    lost.disconnect();
    await eventually("the lost holder's lease to run out", async () => ((await slotsWith(600).inFlight(orgId)) === 1 ? true : undefined), 5_000);
    await sleep(1_500);
    expect(await slotsWith(600).inFlight(orgId)).toBe(1);
    await live!.release();
    expect(await slotsWith(600).inFlight(orgId)).toBe(0);
    // The set expires with its last lease: an idle organization leaves no key.
    await eventually("the set to expire", async () => ((await redis.exists(redisKey("turn-slots", orgId))) === 0 ? true : undefined), 2_000);
  });
});

describe("a worker killed mid-turn", () => {
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  let worker: TWorkerProcess | undefined;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(async () => {
    await worker?.stop("SIGKILL");
    await simulator.close();
  });

  it("holds its turn's slot while it runs, and the slot frees itself once the lease runs out after the kill", async () => {
    const leaseMs = 1_500;
    worker = await startWorker({ TURN_SLOT_LEASE_MS: String(leaseMs) });
    const { org: tenant, agent } = await createRunningAgent({
      simulatorUrl: simulator.url,
      primaryKey: "sim-timeout",
      backupKey: "sim-timeout",
      timeoutSeconds: 120,
    });
    // The organization's own cap: one turn at a time.
    await db.organization.update({ where: { id: tenant.id }, data: { maxTurnsInFlight: 1 } });
    const slots = slotsWith(leaseMs);
    const first = await sendTurn({ orgId: tenant.id, agentId: agent.id, text: "Hang on" });
    const second = await sendTurn({ orgId: tenant.id, agentId: agent.id, text: "Me too" });
    await eventually("the first turn running", async () =>
      (await db.turn.findUniqueOrThrow({ where: { id: first.id } })).state === "running" ? true : undefined,
    );
    // Several leases later the running turn still holds its slot, and the
    // organization's second turn still waits for it.
    await sleep(3 * leaseMs);
    expect(await slots.inFlight(tenant.id)).toBe(1);
    expect((await db.turn.findUniqueOrThrow({ where: { id: second.id } })).state).toBe("queued");
    await worker.stop("SIGKILL");
    await eventually("the killed worker's slot to free itself", async () => ((await slots.inFlight(tenant.id)) === 0 ? true : undefined), 4 * leaseMs);
    await settleLeftovers(tenant.id);
  }, 60_000);
});
