// The addresses of an email channel. Each gets one email with a single-use
// link (link-token.ts: 32 random bytes, only their SHA-256 stored) and
// receives alerts only once its owner opened it and pressed Confirm, so an
// organization cannot turn our mail server on a stranger's inbox. A new
// link for a waiting address may be asked for once every few minutes, and
// every link counts in the organization's hourly allowance.
import { randomUUID } from "node:crypto";

import { appLink, newLinkToken } from "../auth/link-token";
import { db, type Prisma } from "../db/client";
import { env } from "../env";
import { AppError, notFound } from "../errors";
import { mailEnabled, sendMail } from "../mail/send-mail";
import { takeHourlyQuota } from "../quotas/hourly-quota";
import { waitInWords } from "../quotas/sliding-window";
import { recipientLinkMail } from "./recipient-mail";

const LINK_DAYS = 7;
const RESEND_AFTER_MS = 10 * 60_000;

export type TRecipientLink = { recipientId: string; email: string; token: string; expiresAt: Date };

function newLink(now: Date) {
  const { token, tokenHash } = newLinkToken();
  return { token, tokenHash, expiresAt: new Date(now.getTime() + LINK_DAYS * 24 * 60 * 60_000) };
}

// Confirmation emails an organization may send an hour: taken before any is written.
async function takeLinks(orgId: string, count: number) {
  const limit = env().ALERT_RECIPIENT_LINKS_PER_HOUR;
  await takeHourlyQuota({
    orgId,
    quota: "recipient-links",
    limit,
    cost: count,
    refusal: (retry) =>
      count === 1
        ? `This organization has sent its ${limit} confirmation emails for this hour. Try again ${retry}.`
        : `These ${count} addresses would pass this organization's ${limit} confirmation emails an hour. Add fewer now, or try again ${retry}.`,
  });
}

// Inside the channel's transaction: one waiting recipient per address, each
// with its own link, marked sent (a send that fails clears the mark).
export async function addRecipientsTx(tx: Prisma.TransactionClient, { orgId, channelId, emails }: { orgId: string; channelId: string; emails: string[] }) {
  await takeLinks(orgId, emails.length);
  const now = new Date();
  const links = emails.map((email) => ({ recipientId: randomUUID(), email, ...newLink(now) }));
  await tx.alertRecipient.createMany({
    data: links.map(({ recipientId, email, tokenHash, expiresAt }) => ({ id: recipientId, orgId, channelId, email, tokenHash, expiresAt, linkSentAt: now })),
  });
  return links.map(({ recipientId, email, token, expiresAt }): TRecipientLink => ({ recipientId, email, token, expiresAt }));
}

// Emails each link; answers the addresses the mail server did not take,
// which can be sent a new link at once.
export async function sendRecipientLinks({
  orgId,
  channelId,
  senderId,
  links,
}: {
  orgId: string;
  channelId: string;
  senderId: string;
  links: TRecipientLink[];
}) {
  const channel = await db.alertChannel.findFirst({ where: { id: channelId, orgId }, select: { name: true, org: { select: { name: true } } } });
  if (!channel) return links.map((l) => l.email);
  const sender = await db.user.findUnique({ where: { id: senderId }, select: { name: true, email: true } });
  const unsent: string[] = [];
  for (const { recipientId, email, token, expiresAt } of links) {
    const mail = recipientLinkMail({ orgName: channel.org.name, channelName: channel.name, sender, link: appLink(`/confirm-alerts/${token}`), expiresAt });
    if (await sendMail({ to: email, ...mail })) continue;
    unsent.push(email);
    await db.alertRecipient.updateMany({ where: { id: recipientId, orgId, confirmedAt: null }, data: { linkSentAt: null } });
  }
  return unsent;
}

// "Send a new link" for an address still waiting. Its earlier link stops working.
export async function resendRecipientLink({ orgId, recipientId, userId }: { orgId: string; recipientId: string; userId: string }) {
  if (!mailEnabled()) throw new AppError("INVALID_INPUT", "Email alerts need SMTP_URL to be set on the server.");
  const recipient = await db.alertRecipient.findFirst({
    where: { id: recipientId, orgId },
    select: { email: true, channelId: true, confirmedAt: true, linkSentAt: true },
  });
  if (!recipient) throw notFound("Recipient not found");
  if (recipient.confirmedAt) throw new AppError("CONFLICT", `${recipient.email} has already confirmed.`);
  const now = new Date();
  const cutoff = new Date(now.getTime() - RESEND_AFTER_MS);
  const tooSoon = () => {
    const wait = Math.ceil(((recipient.linkSentAt?.getTime() ?? 0) + RESEND_AFTER_MS - now.getTime()) / 1000);
    return new AppError(
      "RATE_LIMITED",
      `A link went to ${recipient.email} less than ${RESEND_AFTER_MS / 60_000} minutes ago: ask them to check their inbox and spam folder, or send a new one ${waitInWords(Math.max(wait, 1))}.`,
    );
  };
  if (recipient.linkSentAt && recipient.linkSentAt > cutoff) throw tooSoon();
  await takeLinks(orgId, 1);
  const { token, tokenHash, expiresAt } = newLink(now);
  // Claimed in one statement: of two presses at once, one sends.
  const { count } = await db.alertRecipient.updateMany({
    where: { id: recipientId, orgId, confirmedAt: null, OR: [{ linkSentAt: null }, { linkSentAt: { lte: cutoff } }] },
    data: { tokenHash, expiresAt, linkSentAt: now },
  });
  if (count === 0) throw tooSoon();
  const [unsent] = await sendRecipientLinks({
    orgId,
    channelId: recipient.channelId,
    senderId: userId,
    links: [{ recipientId, email: recipient.email, token, expiresAt }],
  });
  if (unsent) throw new AppError("UNAVAILABLE", `The mail server did not take the message to ${unsent}. Try again in a few minutes.`);
}
