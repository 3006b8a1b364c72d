import { Queue } from "bullmq";
import { describe, expect, it } from "vitest";

import { pruneExpiredEvents, pruneOrganizationEvents } from "@/lib/activity/prune-events";
import { setRetention, ZRetention } from "@/lib/activity/retention";
import { runOrgAction } from "@/lib/auth/org-action";
import { db } from "@/lib/db/client";
import { createRedis, queuePrefix } from "@/lib/queue/connections";
import { PRUNE_ACTIVITY, QUEUES } from "@/lib/queue/names";

import { addMembership, createEvents, createTenant } from "../../fixtures/data";
import { isolateQueues } from "../../fixtures/isolated-queues";
import { eventually, startWorker } from "../../fixtures/worker-process";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

// Ages in days, one event each, tagged with its age so a test can say which survived.
async function eventsAged(orgId: string, ages: number[]) {
  await createEvents({ orgId, count: ages.length, at: (i) => ago(ages[i]!), data: (i) => ({ change: `age ${ages[i]}` }) });
}
const survivors = async (orgId: string) =>
  (await db.activityEvent.findMany({ where: { orgId }, orderBy: { createdAt: "desc" }, select: { data: true } })).map(
    (e) => (e.data as { change: string }).change,
  );

const saveRetention = (userId: string, orgSlug: string, retentionDays: unknown) =>
  runOrgAction({
    userId,
    orgSlug,
    permission: "activity:manage",
    schema: ZRetention,
    input: { retentionDays },
    run: (ctx, input) => setRetention({ orgId: ctx.orgId, input }),
  });

describe("activity retention", () => {
  it("deletes, per organization, only the events older than its own setting, in batches", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const c = await createTenant();
    await db.organization.update({ where: { id: a.org.id }, data: { retentionDays: 7 } });
    await db.organization.update({ where: { id: b.org.id }, data: { retentionDays: 30 } });
    await eventsAged(a.org.id, [0, 6.9, 7.1, 29, 31]);
    await eventsAged(b.org.id, [0, 6.9, 7.1, 29, 31, 400]);
    await eventsAged(c.org.id, [0, 31, 89, 91]);
    await createEvents({ orgId: a.org.id, count: 250, at: () => ago(8), data: () => ({ change: "bulk" }) });

    const pruned = await pruneExpiredEvents({ batchSize: 100 });
    const mine = (orgId: string) => pruned.find((p) => p.orgId === orgId);
    expect(mine(a.org.id)).toEqual({ orgId: a.org.id, deleted: 253, batches: 3 });
    expect(mine(b.org.id)).toEqual({ orgId: b.org.id, deleted: 2, batches: 1 });
    expect(mine(c.org.id)).toEqual({ orgId: c.org.id, deleted: 1, batches: 1 });
    expect(await survivors(a.org.id)).toEqual(["age 0", "age 6.9"]);
    expect(await survivors(b.org.id)).toEqual(["age 0", "age 6.9", "age 7.1", "age 29"]);
    expect(await survivors(c.org.id)).toEqual(["age 0", "age 31", "age 89"]);
  });

  it("keeps deleting full batches until nothing older remains", async () => {
    const t = await createTenant();
    await createEvents({ orgId: t.org.id, count: 30, at: (i) => ago(100 + i) });
    await eventsAged(t.org.id, [1]);
    expect(await pruneOrganizationEvents({ orgId: t.org.id, retentionDays: 90, batchSize: 10 })).toEqual({ orgId: t.org.id, deleted: 30, batches: 3 });
    expect(await survivors(t.org.id)).toEqual(["age 1"]);
  });

  it("lets owners and admins change the setting within 7 to 3650 days; members, bad values and other organizations change nothing", async () => {
    const owner = await createTenant();
    const admin = await createTenant("admin");
    const member = await createTenant("member");
    await addMembership({ orgId: owner.org.id, userId: member.user.id, role: "member" });
    const outsider = await createTenant();
    expect(await saveRetention(owner.user.id, owner.org.slug, "30")).toEqual({ ok: true, data: undefined });
    expect(await saveRetention(admin.user.id, admin.org.slug, "3650")).toEqual({ ok: true, data: undefined });
    expect(await saveRetention(member.user.id, owner.org.slug, "7")).toMatchObject({ ok: false, error: expect.stringMatching(/role does not allow/) });
    expect(await saveRetention(outsider.user.id, owner.org.slug, "7")).toMatchObject({ ok: false, error: "Organization not found" });
    for (const [value, message] of [
      ["6", "Keep activity for at least 7 days."],
      ["3651", "Keep activity for at most 3650 days (10 years)."],
      ["7.5", "Enter a whole number of days."],
      ["many", "Enter a number of days."],
    ]) {
      expect(await saveRetention(owner.user.id, owner.org.slug, value)).toMatchObject({ ok: false, fields: { retentionDays: message } });
    }
    expect((await db.organization.findUniqueOrThrow({ where: { id: owner.org.id } })).retentionDays).toBe(30);
    expect((await db.organization.findUniqueOrThrow({ where: { id: admin.org.id } })).retentionDays).toBe(3650);
  });

  it("runs daily in the worker: the scheduler is registered and its job prunes", async () => {
    isolateQueues("retention");
    const t = await createTenant();
    await db.organization.update({ where: { id: t.org.id }, data: { retentionDays: 7 } });
    await eventsAged(t.org.id, [1, 8, 9]);
    const worker = await startWorker();
    const queue = new Queue(QUEUES.maintenance, { connection: createRedis("worker"), prefix: queuePrefix() });
    try {
      expect(await queue.getJobScheduler(PRUNE_ACTIVITY.scheduler)).toMatchObject({ pattern: PRUNE_ACTIVITY.pattern, name: PRUNE_ACTIVITY.job });
      const job = await queue.add(PRUNE_ACTIVITY.job, {});
      await eventually("prune job done", async () => ((await job.getState()) === "completed" ? true : undefined));
      expect(await survivors(t.org.id)).toEqual(["age 1"]);
      expect(worker.output()).toMatch(/"deleted":\d+.*"activity pruned"/);
    } finally {
      await queue.close();
      await worker.stop();
    }
  });
});
