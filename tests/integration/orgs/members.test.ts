import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { changeMemberRole, listMembers, removeMember } from "@/lib/orgs/members";

import { addMembership, createTenant } from "../../../prisma/factories";

async function ownerMembership(orgId: string) {
  return db.membership.findFirstOrThrow({ where: { orgId, role: "owner" } });
}

describe("members", () => {
  it("lists a member with their role, changes it and removes them", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const { id } = await addMembership({ orgId: a.org.id, userId: b.user.id, role: "viewer" });
    expect((await listMembers({ orgId: a.org.id })).map((m) => [m.user.email, m.role])).toContainEqual([b.user.email, "viewer"]);
    await changeMemberRole({ orgId: a.org.id, membershipId: id, role: "admin" });
    expect(await db.membership.findUnique({ where: { id } })).toMatchObject({ role: "admin" });
    await removeMember({ orgId: a.org.id, membershipId: id });
    expect(await db.membership.findUnique({ where: { id } })).toBeNull();
  });

  it("never demotes or removes the last owner", async () => {
    const a = await createTenant();
    const owner = await ownerMembership(a.org.id);
    await expect(changeMemberRole({ orgId: a.org.id, membershipId: owner.id, role: "admin" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(removeMember({ orgId: a.org.id, membershipId: owner.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.membership.findUnique({ where: { id: owner.id } })).toMatchObject({ role: "owner" });
  });

  it("leaves one owner when two owners demote each other at the same moment", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const first = await ownerMembership(a.org.id);
    const second = await addMembership({ orgId: a.org.id, userId: b.user.id, role: "owner" });
    const results = await Promise.allSettled([
      changeMemberRole({ orgId: a.org.id, membershipId: first.id, role: "member" }),
      changeMemberRole({ orgId: a.org.id, membershipId: second.id, role: "member" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { orgId: a.org.id, role: "owner" } })).toBe(1);
  });

  it("treats another organization's membership as not found", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const bOwner = await ownerMembership(b.org.id);
    await expect(changeMemberRole({ orgId: a.org.id, membershipId: bOwner.id, role: "viewer" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeMember({ orgId: a.org.id, membershipId: bOwner.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.membership.findUnique({ where: { id: bOwner.id } })).toMatchObject({ role: "owner" });
  });
});
