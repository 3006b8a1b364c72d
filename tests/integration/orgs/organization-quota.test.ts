// A person owns at most ORGS_PER_USER organizations (3 by default): each one
// brings its own allowances, so more would multiply them.
import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createOrganization } from "@/lib/orgs/create-organization";

import { addMembership, createTenant } from "../../fixtures/data";
import { raceAtInsert } from "../../fixtures/race";

const owned = (userId: string) => db.membership.count({ where: { userId, role: "owner" } });

describe("organizations one person may own", () => {
  it("lets a person create organizations up to the limit, then refuses with a message; another's organization they merely belong to does not count", async () => {
    expect(env().ORGS_PER_USER).toBe(3);
    const { user } = await createTenant();
    const elsewhere = await createTenant();
    await addMembership({ orgId: elsewhere.org.id, userId: user.id, role: "admin" });
    await createOrganization({ userId: user.id, name: "Second" });
    await createOrganization({ userId: user.id, name: "Third" });
    await expect(createOrganization({ userId: user.id, name: "Fourth" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You already own 3 organizations, the most one person may own here. Add your agents to one of them instead.",
    });
    expect(await owned(user.id)).toBe(3);
    expect(await db.organization.count({ where: { name: "Fourth", memberships: { some: { userId: user.id } } } })).toBe(0);
  });

  it("lets only one of several creations at once take the last place", async () => {
    const { user } = await createTenant();
    await createOrganization({ userId: user.id, name: "Second" });
    const results = await raceAtInsert({
      table: "organizations",
      waiters: 4,
      start: () => ["A", "B", "C", "D"].map((name) => createOrganization({ userId: user.id, name: `Parallel ${name}` })),
    });
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason)).toEqual(
      Array.from({ length: 3 }, () => expect.objectContaining({ code: "CONFLICT" })),
    );
    expect(await owned(user.id)).toBe(3);
  });
});
