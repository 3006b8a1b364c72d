// Alert deliveries through a real worker process: a webhook to an HTTP
// receiver in this process (refused once, then retried), Slack's shape, an
// email to an in-process SMTP server, and one organization's cap on
// deliveries in flight. Tenancy and roles on the channels.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createChannel, listChannels } from "@/lib/alerts/channels";
import { deleteChannel } from "@/lib/alerts/channels";
import { confirmRecipient } from "@/lib/alerts/confirm-recipient";
import { listDeliveries, sendTestAlert } from "@/lib/alerts/deliveries";
import { ZChannelRef, ZCreateChannel } from "@/lib/alerts/schemas";
import { runOrgAction } from "@/lib/auth/org-action";
import { db } from "@/lib/db/client";

import { addChannel, settledDelivery, verifiesSignature } from "../../fixtures/alerts";
import { addMembership, createTenant, unique, upsertUser } from "../../fixtures/data";
import { startReceiver } from "../../fixtures/http-receiver";
import { isolateQueues } from "../../fixtures/isolated-queues";
import { linkToken, startMailbox } from "../../fixtures/smtp";
import { eventually, startWorker, type TWorkerProcess } from "../../fixtures/worker-process";

// Set before anything reads the settings: this process and its worker send mail there.
const mailbox = await startMailbox();
process.env.SMTP_URL = mailbox.url;
isolateQueues("alert-delivery");

let worker: TWorkerProcess;
beforeAll(async () => {
  worker = await startWorker({ SMTP_URL: mailbox.url });
});
afterAll(async () => {
  await worker.stop();
  await mailbox.close();
});

describe("webhook delivery", () => {
  it("is signed with the channel's secret, retried after a 500, and recorded as delivered", async () => {
    const receiver = await startReceiver({ statuses: [500] });
    try {
      const { org, user } = await createTenant();
      const { id, secret } = await addChannel(org.id, user.id, { kind: "webhook", name: "Ops hook", url: receiver.url() });
      expect(secret).toMatch(/^whsec_/);
      const stored = await db.alertChannel.findUniqueOrThrow({ where: { id } });
      expect(JSON.stringify(stored)).not.toContain(secret!);
      expect(JSON.stringify(stored)).not.toContain(receiver.url());
      expect(stored.urlHint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/…hook$/);

      const { deliveryId } = await sendTestAlert({ orgId: org.id, channelId: id });
      // The first attempt is recorded with the receiver's 500 before the retry.
      const failedOnce = await eventually("the first attempt recorded", async () => {
        const d = await db.alertDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
        return d.attempts >= 1 ? d : undefined;
      });
      expect(failedOnce).toMatchObject({ attempts: 1, lastStatusCode: 500, status: "pending", lastError: "The receiver answered 500." });

      const delivery = await settledDelivery(deliveryId);
      expect(delivery).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200, lastError: null });
      expect(receiver.received).toHaveLength(2);
      const last = receiver.received[1]!;
      expect(verifiesSignature({ secret: secret!, header: last.headers["x-understudy-signature"]!, body: last.body })).toBe(true);
      expect(verifiesSignature({ secret: "whsec_another", header: last.headers["x-understudy-signature"]!, body: last.body })).toBe(false);
      expect(last.headers["x-understudy-event"]).toBe("test");
      expect(JSON.parse(last.body)).toMatchObject({
        type: "test",
        delivery_id: deliveryId,
        organization: { slug: org.slug, name: org.name },
        text: expect.stringContaining("this channel works"),
        url: expect.stringMatching(new RegExp(`/${org.slug}/settings$`)),
      });
      const [logged] = await listDeliveries({ orgId: org.id });
      expect(logged).toMatchObject({ id: deliveryId, kind: "test", status: "delivered", lastStatusCode: 200, channel: { name: "Ops hook" } });
    } finally {
      await receiver.close();
    }
  });

  it("gives up at once on a 4xx that will never pass, and records it as failed", async () => {
    const receiver = await startReceiver({ statuses: [410, 200] });
    try {
      const { org, user } = await createTenant();
      const { id } = await addChannel(org.id, user.id, { kind: "webhook", name: "Gone", url: receiver.url() });
      const { deliveryId } = await sendTestAlert({ orgId: org.id, channelId: id });
      expect(await settledDelivery(deliveryId)).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 410 });
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});

describe("Slack delivery", () => {
  it("posts a Block Kit message with a plain-text fallback to the incoming webhook", async () => {
    const receiver = await startReceiver();
    try {
      const { org, user } = await createTenant();
      const { id, secret } = await addChannel(org.id, user.id, { kind: "slack", name: "#ops", url: receiver.url("/services/T0/B0/abcdef") });
      expect(secret).toBeNull();
      const { deliveryId } = await sendTestAlert({ orgId: org.id, channelId: id });
      expect(await settledDelivery(deliveryId)).toMatchObject({ status: "delivered", lastStatusCode: 200 });
      const body = JSON.parse(receiver.received[0]!.body) as { text: string; blocks: { type: string }[] };
      expect(receiver.received[0]!.path).toBe("/services/T0/B0/abcdef");
      expect(body.text).toContain("Test alert");
      expect(body.blocks.map((b) => b.type)).toEqual(["header", "section", "context"]);
      expect(receiver.received[0]!.headers["x-understudy-signature"]).toBeUndefined();
    } finally {
      await receiver.close();
    }
  });
});

describe("email delivery", () => {
  it("sends the alert through the SMTP server to the recipients who confirmed, and to no one else", async () => {
    const { org, user } = await createTenant();
    const [confirmed, waiting] = [`${unique("ops")}@example.test`, `${unique("oncall")}@example.test`];
    const { id } = await addChannel(org.id, user.id, { kind: "email", name: "On call", emails: `${confirmed}, ${waiting}` });
    await confirmRecipient(linkToken((await mailbox.latestTo(confirmed)).text, "confirm-alerts"));
    const { deliveryId } = await sendTestAlert({ orgId: org.id, channelId: id });
    expect(await settledDelivery(deliveryId)).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: null });
    const mail = await mailbox.latestTo(confirmed);
    expect(mail.to).toEqual([confirmed]);
    expect(mail.subject).toBe("[Understudy] Test alert");
    expect(mail.text).toContain(`A test alert from Understudy for ${org.name}`);
    expect(mail.text).toContain(`/${org.slug}/settings`);
    expect(mailbox.mails.filter((m) => m.to.includes(waiting)).map((m) => m.subject)).toEqual([`Confirm alerts from ${org.name} on Understudy`]);
  });
});

describe("deliveries in flight per organization", () => {
  it("holds at most ORG_MAX_ALERT_DELIVERIES_IN_FLIGHT of one organization's deliveries at a hanging receiver, and another organization's alert goes through meanwhile", async () => {
    const hanging = await startReceiver({ hold: true });
    const healthy = await startReceiver();
    try {
      const a = await createTenant();
      const { id } = await addChannel(a.org.id, a.user.id, { kind: "webhook", name: "Hangs", url: hanging.url() });
      // As many as one worker has delivery slots: without the cap they would take them all.
      const held = [];
      for (let i = 0; i < 8; i += 1) held.push(await sendTestAlert({ orgId: a.org.id, channelId: id }));
      await eventually("two of the organization's deliveries held at its receiver", async () => (hanging.open() >= 2 ? true : undefined));

      const b = await createTenant();
      const theirs = await addChannel(b.org.id, b.user.id, { kind: "webhook", name: "Works", url: healthy.url() });
      const { deliveryId } = await sendTestAlert({ orgId: b.org.id, channelId: theirs.id });
      expect(await settledDelivery(deliveryId)).toMatchObject({ status: "delivered", lastStatusCode: 200 });

      hanging.release();
      for (const { deliveryId: aDelivery } of held) expect(await settledDelivery(aDelivery, 60_000)).toMatchObject({ status: "delivered" });
      expect(hanging.mostOpen()).toBe(2);
    } finally {
      hanging.release();
      await Promise.all([hanging.close(), healthy.close()]);
    }
  }, 120_000);
});

describe("channels belong to their organization", () => {
  it("another organization's channel is not found: no test alert, no delete, not listed", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const { id } = await addChannel(a.org.id, a.user.id, { kind: "webhook", name: "A's hook", url: "http://127.0.0.1:9/hook" });
    await expect(sendTestAlert({ orgId: b.org.id, channelId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteChannel({ orgId: b.org.id, channelId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listChannels({ orgId: b.org.id })).toEqual([]);
    expect(await db.alertDelivery.count({ where: { channelId: id } })).toBe(0);
    expect(await db.alertChannel.count({ where: { id } })).toBe(1);
  });

  it("refuses a member on the server, and lets an admin add and delete", async () => {
    const { org } = await createTenant();
    const member = await upsertUser({ email: `${unique("m")}@example.test`, name: "Member", password: "correct horse battery" });
    const admin = await upsertUser({ email: `${unique("a")}@example.test`, name: "Admin", password: "correct horse battery" });
    await addMembership({ orgId: org.id, userId: member.id, role: "member" });
    await addMembership({ orgId: org.id, userId: admin.id, role: "admin" });
    const add = (userId: string) =>
      runOrgAction({
        userId,
        orgSlug: org.slug,
        permission: "alerts:manage",
        schema: ZCreateChannel,
        input: { kind: "webhook", name: "Hook", url: "http://127.0.0.1:9/hook" },
        run: (ctx, input) => createChannel({ orgId: ctx.orgId, userId: ctx.userId, input }),
      });
    const refused = await add(member.id);
    expect(refused.ok).toBe(false);
    expect(await listChannels({ orgId: org.id })).toEqual([]);
    const added = await add(admin.id);
    expect(added).toMatchObject({ ok: true, data: { secret: expect.stringMatching(/^whsec_/) } });
    const channelId = added.ok ? added.data.id : "";
    const removeAs = (userId: string) =>
      runOrgAction({
        userId,
        orgSlug: org.slug,
        permission: "alerts:manage",
        schema: ZChannelRef,
        input: { channelId },
        run: (ctx, input) => deleteChannel({ orgId: ctx.orgId, ...input }),
      });
    expect((await removeAs(member.id)).ok).toBe(false);
    expect(await removeAs(admin.id)).toEqual({ ok: true, data: undefined });
    expect(await listChannels({ orgId: org.id })).toEqual([]);
  });
});
