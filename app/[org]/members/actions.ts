"use server";
import { revalidatePath } from "next/cache";
import { currentUserId } from "@/lib/auth/session";
import { runOrgAction } from "@/lib/auth/org-action";
import type { TActionResult } from "@/lib/auth/action-result";
import { ZChangeRole, ZInvite, ZRemoveMember, ZRevokeInvitation } from "@/lib/orgs/schemas";
import { changeMemberRole, removeMember } from "@/lib/orgs/members";
import { createInvitation, revokeInvitation, type TCreatedInvitation } from "@/lib/orgs/invitations";

function done<T>(orgSlug: string, result: TActionResult<T>) {
  if (result.ok) revalidatePath(`/${orgSlug}/members`);
  return result;
}

export async function inviteAction(orgSlug: string, _prev: TActionResult<TCreatedInvitation>, form: FormData): Promise<TActionResult<TCreatedInvitation>> {
  const values = { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "") };
  const result = await runOrgAction({
    userId: await currentUserId(),
    orgSlug,
    permission: "member:manage",
    schema: ZInvite,
    input: values,
    run: (ctx, data) => createInvitation({ orgId: ctx.orgId, invitedById: ctx.userId, ...data }),
  });
  return result.ok ? done(orgSlug, result) : { ...result, values };
}

export async function revokeInvitationAction(orgSlug: string, invitationId: string): Promise<TActionResult> {
  const result = await runOrgAction({
    userId: await currentUserId(),
    orgSlug,
    permission: "member:manage",
    schema: ZRevokeInvitation,
    input: { invitationId },
    run: (ctx, data) => revokeInvitation({ orgId: ctx.orgId, ...data }),
  });
  return done(orgSlug, result);
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
