// Email recipients confirm before they receive alerts: one email with a
// single-use link each, a button on the page it opens, and nothing else sent
// to the address before. New links are limited per address and per
// organization (ALERT_RECIPIENT_LINKS_PER_HOUR, its floor of 10 here).
// Deliveries run in this process (deliverAlert), as the worker runs them.
import { createHash } from "node:crypto";

import { afterAll, describe, expect, it } from "vitest";

import { createChannel, listChannels } from "@/lib/alerts/channels";
import { confirmRecipient, readRecipientLink, RECIPIENT_LINK_EXPIRED, RECIPIENT_LINK_GONE } from "@/lib/alerts/confirm-recipient";
import { deliverAlert, NO_CONFIRMED_RECIPIENT } from "@/lib/alerts/deliver";
import { sendTestAlert } from "@/lib/alerts/deliveries";
import { resendRecipientLink } from "@/lib/alerts/recipients";
import { ZCreateChannel, ZRecipientRef } from "@/lib/alerts/schemas";
import { runOrgAction } from "@/lib/auth/org-action";
import { db } from "@/lib/db/client";

import { addChannel } from "../../fixtures/alerts";
import { addMembership, createTenant, unique, upsertUser } from "../../fixtures/data";
import { isolateQueues } from "../../fixtures/isolated-queues";
import { linkToken, startMailbox } from "../../fixtures/smtp";

// Set before anything reads the settings.
const mailbox = await startMailbox();
process.env.SMTP_URL = mailbox.url;
process.env.ALERT_RECIPIENT_LINKS_PER_HOUR = "10";
isolateQueues("alert-recipients");
afterAll(() => mailbox.close());

const address = (name: string) => `${unique(name)}@example.test`;
const mailsTo = (email: string) => mailbox.mails.filter((m) => m.to.includes(email));

async function emailChannel(emails: string[]) {
  const tenant = await createTenant();
  const { id } = await addChannel(tenant.org.id, tenant.user.id, { kind: "email", name: "On call", emails: emails.join(", ") });
  return { ...tenant, channelId: id };
}

// A delivery row as the alert scan writes one, attempted once in this process.
async function deliverOnce(orgId: string, channelId: string) {
  const { id } = await db.alertDelivery.create({ data: { orgId, channelId, kind: "test" }, select: { id: true } });
  return deliverAlert({ orgId, deliveryId: id, lastAttempt: true });
}

describe("email recipients confirm first", () => {
  it("emails each address one link whose token is stored only as its SHA-256, and lists the channel as waiting", async () => {
    const emails = [address("ops"), address("oncall")];
    const { org, user, channelId } = await emailChannel(emails);
    for (const email of emails) {
      const [mail, ...more] = mailsTo(email);
      expect(more).toEqual([]);
      expect(mail).toMatchObject({ subject: `Confirm alerts from ${org.name} on Understudy` });
      expect(mail!.text).toContain(`${user.name} (${user.email}) added this address to "On call", an alert channel of "${org.name}"`);
      const token = linkToken(mail!.text, "confirm-alerts");
      const row = await db.alertRecipient.findFirstOrThrow({ where: { channelId, email } });
      expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
      expect(JSON.stringify(row)).not.toContain(token);
    }
    const [channel] = await listChannels({ orgId: org.id });
    expect(channel?.recipients.map((r) => [r.email, r.confirmedAt])).toEqual([...emails].sort().map((e) => [e, null]));
  });

  it("sends nothing else to an address before it confirms: a test alert is refused, an alert's delivery fails unsent; then only the confirmed address gets alerts", async () => {
    const [first, second] = [address("first"), address("second")];
    const { org, channelId } = await emailChannel([first, second]);
    await expect(sendTestAlert({ orgId: org.id, channelId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Nobody on this channel has confirmed their address yet. Each was emailed a link; alerts, tests included, go only to confirmed addresses.",
    });
    expect(await deliverOnce(org.id, channelId)).toMatchObject({ kind: "sent", result: { ok: false, error: NO_CONFIRMED_RECIPIENT, permanent: true } });
    expect(mailsTo(first)).toHaveLength(1);

    const token = linkToken(mailsTo(first)[0]!.text, "confirm-alerts");
    expect(await readRecipientLink(token)).toMatchObject({ state: "pending", email: first });
    await confirmRecipient(token);
    expect(await deliverOnce(org.id, channelId)).toMatchObject({ kind: "sent", result: { ok: true } });
    const alert = mailsTo(first).at(-1)!;
    expect(alert.subject).toBe("[Understudy] Test alert");
    expect(alert.to).toEqual([first]);
    expect(mailsTo(second)).toHaveLength(1);
  });

  it("confirms once, on the press, not on reading; a used link stays confirmed, an expired one is refused", async () => {
    const [email, late] = [address("once"), address("late")];
    await emailChannel([email, late]);
    const token = linkToken(mailsTo(email)[0]!.text, "confirm-alerts");
    await readRecipientLink(token);
    expect(await db.alertRecipient.findFirstOrThrow({ where: { email } })).toMatchObject({ confirmedAt: null });
    await Promise.all([confirmRecipient(token), confirmRecipient(token)]);
    const confirmed = await db.alertRecipient.findFirstOrThrow({ where: { email } });
    expect(confirmed.confirmedAt).toBeInstanceOf(Date);
    expect(await readRecipientLink(token)).toMatchObject({ state: "confirmed" });

    const lateToken = linkToken(mailsTo(late)[0]!.text, "confirm-alerts");
    await db.alertRecipient.updateMany({ where: { email: late }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(confirmRecipient(lateToken)).rejects.toMatchObject({ code: "CONFLICT", message: RECIPIENT_LINK_EXPIRED });
    expect(await db.alertRecipient.findFirstOrThrow({ where: { email: late } })).toMatchObject({ confirmedAt: null });
  });

  it("sends a new link at most every 10 minutes per address; the new link replaces the old one", async () => {
    const email = address("resend");
    const { org, user, channelId } = await emailChannel([email]);
    const recipient = await db.alertRecipient.findFirstOrThrow({ where: { channelId } });
    const resend = () => resendRecipientLink({ orgId: org.id, recipientId: recipient.id, userId: user.id });
    await expect(resend()).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(
        new RegExp(`^A link went to ${email} less than 10 minutes ago: ask them to check their inbox and spam folder, or send a new one in (10|9) minutes\\.$`),
      ),
    });
    expect(mailsTo(email)).toHaveLength(1);

    const oldToken = linkToken(mailsTo(email)[0]!.text, "confirm-alerts");
    await db.alertRecipient.update({ where: { id: recipient.id }, data: { linkSentAt: new Date(Date.now() - 11 * 60_000) } });
    await Promise.allSettled([resend(), resend()]);
    expect(mailsTo(email)).toHaveLength(2);
    await expect(confirmRecipient(oldToken)).rejects.toMatchObject({ code: "NOT_FOUND", message: RECIPIENT_LINK_GONE });
    await confirmRecipient(linkToken(mailsTo(email)[1]!.text, "confirm-alerts"));
    await expect(resend()).rejects.toMatchObject({ code: "CONFLICT", message: `${email} has already confirmed.` });
  });

  it("counts every link in the organization's hour: past it a channel is refused whole, and nothing is written or sent", async () => {
    const { org, user } = await createTenant();
    const ten = Array.from({ length: 10 }, (_, i) => address(`team${i}`));
    await addChannel(org.id, user.id, { kind: "email", name: "Team", emails: ten.join(" ") });
    const one = address("more");
    await expect(addChannel(org.id, user.id, { kind: "email", name: "More", emails: one })).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/^This organization has sent its 10 confirmation emails for this hour\. Try again in (59|60) minutes\.$/),
    });
    expect((await listChannels({ orgId: org.id })).map((c) => c.name)).toEqual(["Team"]);
    expect(mailsTo(one)).toEqual([]);
  });

  it("resends only for admins and owners, and only within the organization", async () => {
    const email = address("tenancy");
    const { org, channelId } = await emailChannel([email]);
    const recipient = await db.alertRecipient.findFirstOrThrow({ where: { channelId } });
    await db.alertRecipient.update({ where: { id: recipient.id }, data: { linkSentAt: null } });
    const other = await createTenant();
    await expect(resendRecipientLink({ orgId: other.org.id, recipientId: recipient.id, userId: other.user.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const member = await upsertUser({ email: address("member"), name: "Member", password: "correct horse battery" });
    await addMembership({ orgId: org.id, userId: member.id, role: "member" });
    const asMember = await runOrgAction({
      userId: member.id,
      orgSlug: org.slug,
      permission: "alerts:manage",
      schema: ZRecipientRef,
      input: { recipientId: recipient.id },
      run: (ctx, input) => resendRecipientLink({ orgId: ctx.orgId, userId: ctx.userId, ...input }),
    });
    expect(asMember.ok).toBe(false);
    expect(mailsTo(email)).toHaveLength(1);
  });

  it("turns the same address typed twice into one recipient", async () => {
    const { org, user } = await createTenant();
    const email = address("twice");
    await createChannel({
      orgId: org.id,
      userId: user.id,
      input: ZCreateChannel.parse({ kind: "email", name: "Twice", emails: `${email}, ${email.toUpperCase()}` }),
    });
    expect(await db.alertRecipient.count({ where: { orgId: org.id } })).toBe(1);
    expect(mailsTo(email)).toHaveLength(1);
  });
});
