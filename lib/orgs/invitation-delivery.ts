// How an invitation's link reaches the invited person. With a mail server it
// goes only to the invited address, so the inviter never holds it and an
// account made from it proves the address is its owner's; without one the
// inviter gets it to pass on (and such an account proves nothing).
import { appLink } from "../auth/link-token";
import { ROLE_LABELS, type TRole } from "../auth/permissions";
import { db } from "../db/client";
import { invitationMail } from "../mail/messages";
import { mailEnabled, sendMail } from "../mail/send-mail";

// "not_sent": the mail server refused it or did not answer; the invitation
// stands, and the Members page offers to resend it.
type TInvited = { email: string; expiresAt: Date };
export type TCreatedInvitation = (TInvited & { delivery: "link"; link: string }) | (TInvited & { delivery: "emailed" | "not_sent" });

export async function deliverInvitation({
  orgId,
  invitedById,
  orgName,
  email,
  role,
  token,
  tokenHash,
  expiresAt,
}: {
  orgId: string;
  invitedById: string;
  orgName: string;
  email: string;
  role: TRole;
  token: string;
  tokenHash: string;
  expiresAt: Date;
}): Promise<TCreatedInvitation> {
  const link = appLink(`/invite/${token}`);
  if (!mailEnabled()) return { delivery: "link", link, email, expiresAt };
  const inviter = await db.user.findUnique({ where: { id: invitedById }, select: { name: true, email: true } });
  const sent = await sendMail({ to: email, ...invitationMail({ orgName, role: ROLE_LABELS[role], inviter, link, expiresAt }) });
  if (!sent) return { delivery: "not_sent", email, expiresAt };
  await db.invitation.updateMany({ where: { orgId, tokenHash }, data: { delivery: "emailed" } });
  return { delivery: "emailed", email, expiresAt };
}
