// The page an alert recipient's link opens, for whoever holds the link: no
// session is needed, the link is the proof. Confirming takes a press of a
// button, never the opening itself, since mail scanners open links too.
import { hashLinkToken } from "../auth/link-token";
import { db } from "../db/client";
import { AppError, notFound } from "../errors";

export type TRecipientLinkState = "pending" | "confirmed" | "expired";

export async function readRecipientLink(token: string) {
  const row = await db.alertRecipient.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { email: true, expiresAt: true, confirmedAt: true, channel: { select: { name: true } }, org: { select: { name: true } } },
  });
  if (!row) return null;
  const state: TRecipientLinkState = row.confirmedAt ? "confirmed" : !row.expiresAt || row.expiresAt <= new Date() ? "expired" : "pending";
  return { state, email: row.email, channelName: row.channel.name, orgName: row.org.name };
}

export const RECIPIENT_LINK_GONE = "This link is not valid: a newer one was sent, or the alert channel was deleted.";
export const RECIPIENT_LINK_EXPIRED = "This link has expired. Ask the organization's admin to send a new one from its Settings page.";

// One statement decides: a link used twice, or pressed in two tabs, confirms once.
export async function confirmRecipient(token: string): Promise<void> {
  const tokenHash = hashLinkToken(token);
  const { count } = await db.alertRecipient.updateMany({
    where: { tokenHash, confirmedAt: null, expiresAt: { gt: new Date() } },
    data: { confirmedAt: new Date() },
  });
  if (count > 0) return;
  const link = await readRecipientLink(token);
  if (!link) throw notFound(RECIPIENT_LINK_GONE);
  if (link.state === "expired") throw new AppError("CONFLICT", RECIPIENT_LINK_EXPIRED);
}
