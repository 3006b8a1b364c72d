import { describe, expect, it } from "vitest";
import { z } from "zod";

import { runOrgAction } from "@/lib/auth/org-action";
import type { TPermission } from "@/lib/auth/permissions";

import { createTenant } from "../../../prisma/factories";

const ZInput = z.object({ name: z.string().min(1, "Enter a name") });

async function attempt(userId: string, orgSlug: string, permission: TPermission, input: unknown = { name: "x" }) {
  let ran = false;
  const result = await runOrgAction({ userId, orgSlug, permission, schema: ZInput, input, run: async (ctx) => ((ran = true), ctx.orgId) });
  return { result, ran };
}

describe("runOrgAction (the path every organization server action takes)", () => {
  it("answers not found, and runs nothing, for a member of another organization", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const { result, ran } = await attempt(a.user.id, b.org.slug, "org:read");
    expect(result).toEqual({ ok: false, error: "Organization not found", fields: undefined });
    expect(ran).toBe(false);
  });

  it("refuses a viewer's admin action on the server", async () => {
    const viewer = await createTenant("viewer");
    for (const permission of ["provider:manage", "agent:manage", "member:manage", "agent:chat"] as const) {
      const { result, ran } = await attempt(viewer.user.id, viewer.org.slug, permission);
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/role does not allow/) });
      expect(ran).toBe(false);
    }
  });

  it("lets each role do exactly what the permission map says", async () => {
    const member = await createTenant("member");
    const admin = await createTenant("admin");
    expect((await attempt(member.user.id, member.org.slug, "agent:chat")).ran).toBe(true);
    expect((await attempt(member.user.id, member.org.slug, "agent:manage")).ran).toBe(false);
    expect((await attempt(admin.user.id, admin.org.slug, "provider:manage")).ran).toBe(true);
    expect((await attempt(admin.user.id, admin.org.slug, "member:manage")).ran).toBe(false);
  });

  it("returns field messages for bad input and runs nothing", async () => {
    const owner = await createTenant();
    const { result, ran } = await attempt(owner.user.id, owner.org.slug, "org:read", { name: "" });
    expect(result).toMatchObject({ ok: false, fields: { name: "Enter a name" } });
    expect(ran).toBe(false);
  });

  it("runs for a signed-in member with the organization's id", async () => {
    const owner = await createTenant();
    const { result } = await attempt(owner.user.id, owner.org.slug, "member:manage");
    expect(result).toEqual({ ok: true, data: owner.org.id });
  });
});
