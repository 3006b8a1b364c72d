import { describe, expect, it } from "vitest";

import { hashLinkToken } from "@/lib/auth/link-token";
import { signUpFromInvitation } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import { acceptInvitation, createInvitation, INVITATIONS_PER_HOUR, listInvitations, readInvitation, revokeInvitation } from "@/lib/orgs/invitations";
import { changeMemberRole } from "@/lib/orgs/members";

import { addMembership, createTenant, unique } from "../../../prisma/factories";
import { linkToken } from "../../fixtures/smtp";

// Without a mail server the inviter gets the link, to pass on.
async function invite(orgId: string, invitedById: string, email: string, role: "owner" | "admin" | "member" | "viewer" = "member") {
  const created = await createInvitation({ orgId, invitedById, inviterRole: "owner", email, role });
  if (created.delivery !== "link") throw new Error(`Expected a link to pass on, got ${created.delivery}`);
  return { ...created, token: linkToken(created.link, "invite") };
}

describe("invitations", () => {
  it("gives a single-use link for the address, listed as pending until the invitee accepts", async () => {
    const owner = await createTenant();
    const invitee = await createTenant();
    const created = await invite(owner.org.id, owner.user.id, invitee.user.email, "admin");
    expect(created.link).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(created.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    const stored = await db.invitation.findFirstOrThrow({ where: { orgId: owner.org.id } });
    expect(stored.tokenHash).toBe(hashLinkToken(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token);
    expect((await listInvitations({ orgId: owner.org.id })).map((i) => [i.email, i.role])).toEqual([[invitee.user.email, "admin"]]);

    expect(await acceptInvitation({ token: created.token, userId: invitee.user.id })).toEqual({ orgSlug: owner.org.slug });
    expect(await db.membership.findFirst({ where: { orgId: owner.org.id, userId: invitee.user.id } })).toMatchObject({ role: "admin" });
    expect(await listInvitations({ orgId: owner.org.id })).toEqual([]);
    expect((await readInvitation(created.token))?.state).toBe("accepted");

    const again = await acceptInvitation({ token: created.token, userId: invitee.user.id }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: "CONFLICT", message: "This invitation has already been used." });
  });

  it("refuses to be accepted by an account with another address", async () => {
    const owner = await createTenant();
    const invitee = await createTenant();
    const stranger = await createTenant();
    const { token } = await invite(owner.org.id, owner.user.id, invitee.user.email);
    const error = await acceptInvitation({ token, userId: stranger.user.id }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "FORBIDDEN", message: `This invitation is for ${invitee.user.email}. Sign in with that address to accept it.` });
    expect(await db.membership.count({ where: { orgId: owner.org.id, userId: stranger.user.id } })).toBe(0);
    expect((await readInvitation(token))?.state).toBe("pending");
  });

  it("refuses an expired link and a revoked one, and an unknown token reads as nothing", async () => {
    const owner = await createTenant();
    const invitee = await createTenant();
    const expired = await invite(owner.org.id, owner.user.id, invitee.user.email);
    await db.invitation.updateMany({ where: { tokenHash: hashLinkToken(expired.token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await readInvitation(expired.token))?.state).toBe("expired");
    await expect(acceptInvitation({ token: expired.token, userId: invitee.user.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This invitation has expired. Ask for a new one.",
    });

    const revoked = await invite(owner.org.id, owner.user.id, invitee.user.email);
    const [pending] = await listInvitations({ orgId: owner.org.id });
    await revokeInvitation({ orgId: owner.org.id, invitationId: pending?.id ?? "", revokerRole: "owner" });
    expect((await readInvitation(revoked.token))?.state).toBe("revoked");
    await expect(acceptInvitation({ token: revoked.token, userId: invitee.user.id })).rejects.toMatchObject({
      message: "This invitation was withdrawn. Ask for a new one.",
    });
    await expect(revokeInvitation({ orgId: owner.org.id, invitationId: pending?.id ?? "", revokerRole: "owner" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.membership.count({ where: { orgId: owner.org.id, userId: invitee.user.id } })).toBe(0);

    expect(await readInvitation("A".repeat(43))).toBeNull();
  });

  it("replaces an address's earlier link when it is invited again", async () => {
    const owner = await createTenant();
    const email = `${unique("again")}@example.test`;
    const first = await invite(owner.org.id, owner.user.id, email, "viewer");
    const second = await invite(owner.org.id, owner.user.id, email, "member");
    expect((await readInvitation(first.token))?.state).toBe("revoked");
    expect(await listInvitations({ orgId: owner.org.id })).toMatchObject([{ email, role: "member" }]);
    expect((await readInvitation(second.token))?.state).toBe("pending");
  });

  it("is used once when two tabs accept at the same moment", async () => {
    const owner = await createTenant();
    const invitee = await createTenant();
    const { token } = await invite(owner.org.id, owner.user.id, invitee.user.email);
    const results = await Promise.allSettled([acceptInvitation({ token, userId: invitee.user.id }), acceptInvitation({ token, userId: invitee.user.id })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { orgId: owner.org.id, userId: invitee.user.id } })).toBe(1);
  });

  it("keeps the last-owner rules: a member cannot be invited, and an old link never changes a role", async () => {
    const owner = await createTenant();
    await expect(
      createInvitation({ orgId: owner.org.id, invitedById: owner.user.id, inviterRole: "owner", email: owner.user.email, role: "viewer" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      fields: { email: "This person is already a member." },
    });

    const second = await createTenant();
    const viewerLink = await invite(owner.org.id, owner.user.id, second.user.email, "viewer");
    const ownerLink = await invite(owner.org.id, owner.user.id, `${unique("other")}@example.test`, "owner");
    await addMembership({ orgId: owner.org.id, userId: second.user.id, role: "owner" });
    const first = await db.membership.findFirstOrThrow({ where: { orgId: owner.org.id, userId: owner.user.id } });
    await changeMemberRole({ orgId: owner.org.id, membershipId: first.id, role: "member" });

    // The only owner left holds a viewer invitation made before they were promoted.
    await expect(acceptInvitation({ token: viewerLink.token, userId: second.user.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You are already a member of this organization.",
    });
    expect(await db.membership.findFirst({ where: { orgId: owner.org.id, userId: second.user.id } })).toMatchObject({ role: "owner" });
    expect(await db.membership.count({ where: { orgId: owner.org.id, role: "owner" } })).toBe(1);
    expect((await readInvitation(ownerLink.token))?.state).toBe("pending");
  });

  it("signs up from a link: the account takes the invitation's address, joins, and gets no organization of its own", async () => {
    const owner = await createTenant();
    const email = `${unique("new")}@example.test`;
    const { token } = await invite(owner.org.id, owner.user.id, email, "member");
    expect((await readInvitation(token))?.accountExists).toBe(false);
    const joined = await signUpFromInvitation({ token, name: "New Person", password: "a long password", ip: unique("ip") });
    expect(joined).toMatchObject({ email, orgSlug: owner.org.slug });
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    // The inviter saw this link: signing up from it proves nothing about the address.
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.memberships).toMatchObject([{ orgId: owner.org.id, role: "member" }]);
    await expect(signUpFromInvitation({ token, name: "Twice", password: "a long password", ip: unique("ip") })).rejects.toMatchObject({
      message: "This invitation has already been used.",
    });
  });

  it("lets an admin invite admins, members and viewers but not an owner, and revoke any invitation but an owner's", async () => {
    const owner = await createTenant();
    const admin = await createTenant();
    await addMembership({ orgId: owner.org.id, userId: admin.user.id, role: "admin" });
    const asAdmin = (email: string, role: "owner" | "admin") =>
      createInvitation({ orgId: owner.org.id, invitedById: admin.user.id, inviterRole: "admin", email, role });

    const colleague = await asAdmin(`${unique("colleague")}@example.test`, "admin");
    expect(colleague).toMatchObject({ delivery: "link", link: expect.stringContaining("/invite/") });
    await expect(asAdmin(`${unique("boss")}@example.test`, "owner")).rejects.toMatchObject({
      code: "FORBIDDEN",
      fields: { role: "Only an owner can invite someone as an owner." },
    });
    const ownerLink = await invite(owner.org.id, owner.user.id, `${unique("co-owner")}@example.test`, "owner");
    expect((await listInvitations({ orgId: owner.org.id })).map((i) => i.role).sort()).toEqual(["admin", "owner"]);

    const pending = await listInvitations({ orgId: owner.org.id });
    const byRole = (role: string) => pending.find((i) => i.role === role)?.id ?? "";
    await expect(revokeInvitation({ orgId: owner.org.id, invitationId: byRole("owner"), revokerRole: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await readInvitation(ownerLink.token))?.state).toBe("pending");
    await revokeInvitation({ orgId: owner.org.id, invitationId: byRole("admin"), revokerRole: "admin" });
    await revokeInvitation({ orgId: owner.org.id, invitationId: byRole("owner"), revokerRole: "owner" });
    expect(await listInvitations({ orgId: owner.org.id })).toEqual([]);
  });

  it("cannot revoke another organization's invitation", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const { token } = await invite(b.org.id, b.user.id, `${unique("x")}@example.test`);
    const [theirs] = await listInvitations({ orgId: b.org.id });
    await expect(revokeInvitation({ orgId: a.org.id, invitationId: theirs?.id ?? "", revokerRole: "owner" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await readInvitation(token))?.state).toBe("pending");
  });

  it(`sends at most ${INVITATIONS_PER_HOUR} invitations an hour per organization`, async () => {
    const owner = await createTenant();
    await db.invitation.createMany({
      data: Array.from({ length: INVITATIONS_PER_HOUR }, (_, i) => ({
        orgId: owner.org.id,
        email: `bulk-${i}@example.test`,
        role: "viewer" as const,
        tokenHash: hashLinkToken(unique(`bulk-${i}`)),
        expiresAt: new Date(Date.now() + 3600_000),
      })),
    });
    await expect(invite(owner.org.id, owner.user.id, `${unique("one-more")}@example.test`)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await db.invitation.count({ where: { orgId: owner.org.id } })).toBe(INVITATIONS_PER_HOUR);
  });
});
