// With SMTP_URL set: invitations are emailed and sign-up confirms the address.
// The mail server is real and runs in this process; the setting is made before
// anything reads the environment.
import { afterAll, describe, expect, it, vi } from "vitest";

import { confirmEmail, needsEmailVerification, sendVerificationEmail } from "@/lib/auth/email-verification";
import { signUp, signUpFromInvitation } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import { acceptInvitation, createInvitation, listInvitations, readInvitation, resendInvitation } from "@/lib/orgs/invitations";

import { createTenant, unique } from "../../../prisma/factories";
import { linkToken } from "../../fixtures/smtp";

const mailbox = await vi.hoisted(async () => {
  const { startMailbox } = await import("../../fixtures/smtp");
  const box = await startMailbox();
  process.env.SMTP_URL = box.url;
  process.env.MAIL_FROM = "Understudy <no-reply@understudy.test>";
  return box;
});

afterAll(() => mailbox.close());

describe("with a mail server", () => {
  it("emails the invitation and never hands its link to the inviter; the emailed link is accepted", async () => {
    const owner = await createTenant();
    const invitee = await createTenant();
    const created = await createInvitation({
      orgId: owner.org.id,
      invitedById: owner.user.id,
      inviterRole: "owner",
      email: invitee.user.email,
      role: "viewer",
    });
    expect(created).toEqual({ delivery: "emailed", email: invitee.user.email, expiresAt: expect.any(Date) });

    const mail = await mailbox.latestTo(invitee.user.email);
    expect(mail.subject).toBe(`You are invited to ${owner.org.name} on Understudy`);
    expect(mail.text).toContain(`${owner.user.name} (${owner.user.email}) invited you to join "${owner.org.name}" on Understudy as Viewer.`);
    const token = linkToken(mail.text, "invite");
    expect(mail.text).toContain(`http://localhost:3000/invite/${token}`);
    expect(JSON.stringify(created)).not.toContain(token);
    expect(await listInvitations({ orgId: owner.org.id })).toMatchObject([{ email: invitee.user.email, delivery: "emailed" }]);
    expect((await readInvitation(token))?.state).toBe("pending");
    await acceptInvitation({ token, userId: invitee.user.id });
    expect(await db.membership.findFirst({ where: { orgId: owner.org.id, userId: invitee.user.id } })).toMatchObject({ role: "viewer" });
  });

  it("confirms an address signed up from its emailed link, and not one signed up from a link the inviter was shown", async () => {
    const owner = await createTenant();
    const emailed = `${unique("emailed")}@example.test`;
    await createInvitation({ orgId: owner.org.id, invitedById: owner.user.id, inviterRole: "owner", email: emailed, role: "member" });
    const fromMail = linkToken((await mailbox.latestTo(emailed)).text, "invite");
    await signUpFromInvitation({ token: fromMail, name: "Read Their Mail", password: "a long password", ip: unique("ip") });
    expect(needsEmailVerification(await db.user.findUniqueOrThrow({ where: { email: emailed } }))).toBe(false);

    // A link made before the mail server was set up went to the inviter's screen.
    const shown = `${unique("shown")}@example.test`;
    await createInvitation({ orgId: owner.org.id, invitedById: owner.user.id, inviterRole: "owner", email: shown, role: "member" });
    const passedOn = linkToken((await mailbox.latestTo(shown)).text, "invite");
    await db.invitation.updateMany({ where: { orgId: owner.org.id, email: shown }, data: { delivery: "link" } });
    await signUpFromInvitation({ token: passedOn, name: "Squatter", password: "a long password", ip: unique("ip") });
    const squatter = await db.user.findUniqueOrThrow({ where: { email: shown } });
    expect(squatter.emailVerifiedAt).toBeNull();
    expect(needsEmailVerification(squatter)).toBe(true);
    expect((await mailbox.latestTo(shown)).subject).toBe("Confirm your email address for Understudy");
  });

  it("resends a pending invitation with a new emailed link in place of the old one", async () => {
    const owner = await createTenant();
    const email = `${unique("resend")}@example.test`;
    await createInvitation({ orgId: owner.org.id, invitedById: owner.user.id, inviterRole: "owner", email, role: "member" });
    const first = linkToken((await mailbox.latestTo(email)).text, "invite");
    const [pending] = await listInvitations({ orgId: owner.org.id });
    const again = await resendInvitation({ orgId: owner.org.id, invitationId: pending?.id ?? "", invitedById: owner.user.id, inviterRole: "owner" });
    expect(again).toEqual({ delivery: "emailed", email, expiresAt: expect.any(Date) });
    const second = linkToken((await mailbox.latestTo(email)).text, "invite");
    expect(second).not.toBe(first);
    expect((await readInvitation(first))?.state).toBe("revoked");
    expect((await readInvitation(second))?.state).toBe("pending");
    const other = await createTenant();
    await expect(
      resendInvitation({
        orgId: other.org.id,
        invitationId: (await listInvitations({ orgId: owner.org.id }))[0]?.id ?? "",
        invitedById: other.user.id,
        inviterRole: "owner",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("sends a confirmation link at sign-up; the account waits for it, and the link works once", async () => {
    const email = `${unique("verify")}@example.test`;
    const { userId } = await signUp({ name: "Grace Hopper", email, password: "a long password", ip: unique("ip") });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(needsEmailVerification(user)).toBe(true);

    const mail = await mailbox.latestTo(email);
    expect(mail.subject).toBe("Confirm your email address for Understudy");
    const token = linkToken(mail.text, "verify-email");

    // Unconfirmed, the account cannot take up an invitation sent to its address.
    const owner = await createTenant();
    await createInvitation({ orgId: owner.org.id, invitedById: owner.user.id, inviterRole: "owner", email, role: "member" });
    const inviteToken = linkToken((await mailbox.latestTo(email)).text, "invite");
    await expect(acceptInvitation({ token: inviteToken, userId })).rejects.toMatchObject({ code: "FORBIDDEN", message: /Confirm your email address first/ });

    await expect(sendVerificationEmail(userId)).rejects.toMatchObject({ code: "RATE_LIMITED" });

    await confirmEmail(token);
    expect(needsEmailVerification(await db.user.findUniqueOrThrow({ where: { id: userId } }))).toBe(false);
    await expect(confirmEmail(token)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await acceptInvitation({ token: inviteToken, userId });
    expect(await db.membership.count({ where: { orgId: owner.org.id, userId } })).toBe(1);
  });

  it("refuses an expired confirmation link", async () => {
    const email = `${unique("late")}@example.test`;
    const { userId } = await signUp({ name: "Late", email, password: "a long password", ip: unique("ip") });
    const token = linkToken((await mailbox.latestTo(email)).text, "verify-email");
    await db.emailVerification.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(confirmEmail(token)).rejects.toMatchObject({ code: "NOT_FOUND", message: /expired or was already used/ });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).toBeNull();
  });

  it("still creates the invitation when the mail server is down, says the email was not sent, and shows no link", async () => {
    await mailbox.close();
    const owner = await createTenant();
    const email = `${unique("down")}@example.test`;
    const created = await createInvitation({ orgId: owner.org.id, invitedById: owner.user.id, inviterRole: "owner", email, role: "member" });
    expect(created).toEqual({ delivery: "not_sent", email, expiresAt: expect.any(Date) });
    expect(await listInvitations({ orgId: owner.org.id })).toMatchObject([{ email, delivery: "not_sent" }]);
  });
});
