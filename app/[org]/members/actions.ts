"use server";
import { revalidatePath } from "next/cache";
import { currentUserId } from "@/lib/auth/session";
import { runOrgAction } from "@/lib/auth/org-action";
import type { TActionResult } from "@/lib/auth/action-result";
import { ZAddMember, ZChangeRole, ZRemoveMember } from "@/lib/orgs/schemas";
import { addMember, changeMemberRole, removeMember } from "@/lib/orgs/members";

function done<T>(orgSlug: string, result: TActionResult<T>) {
  if (result.ok) revalidatePath(`/${orgSlug}/members`);
  return result;
}

export async function addMemberAction(orgSlug: string, _prev: TActionResult, form: FormData): Promise<TActionResult> {
  const values = { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "") };
  const result = await runOrgAction({
    userId: await currentUserId(),
    orgSlug,
    permission: "member:manage",
    schema: ZAddMember,
    input: values,
    run: async (ctx, data) => void (await addMember({ orgId: ctx.orgId, ...data })),
  });
  return result.ok ? done(orgSlug, result) : { ...result, values };
}

export async function changeRoleAction(orgSlug: string, membershipId: string, role: string): Promise<TActionResult> {
  const result = await runOrgAction({
    userId: await currentUserId(),
    orgSlug,
    permission: "member:manage",
    schema: ZChangeRole,
    input: { membershipId, role },
    run: (ctx, data) => changeMemberRole({ orgId: ctx.orgId, ...data }),
  });
  return done(orgSlug, result);
}

export async function removeMemberAction(orgSlug: string, membershipId: string): Promise<TActionResult> {
  const result = await runOrgAction({
    userId: await currentUserId(),
    orgSlug,
    permission: "member:manage",
    schema: ZRemoveMember,
    input: { membershipId },
    run: (ctx, data) => removeMember({ orgId: ctx.orgId, ...data }),
  });
  return done(orgSlug, result);
}
