"use server";
import { orgActions, type TOrgRef } from "@/app/_lib/define-action";
import { createInvitation, resendInvitation, revokeInvitation } from "@/lib/orgs/invitations";
import { changeMemberRole, removeMember } from "@/lib/orgs/members";
import { ZChangeRole, ZInvite, ZPendingInvitation, ZRemoveMember } from "@/lib/orgs/schemas";

const membersPage = (ref: TOrgRef) => `/${ref.orgSlug}/members`;
const manage = { permission: "member:manage", revalidate: membersPage } as const;
const invite = { permission: "member:invite", revalidate: membersPage } as const;

// Without a mail server the link travels back to the page once, to be
// copied; with one it goes only to the invited address. Only its hash is stored.
export const inviteAction = orgActions.formAction({
  ...invite,
  schema: ZInvite,
  fields: ["email", "role"],
  run: (ctx, data) => createInvitation({ orgId: ctx.orgId, invitedById: ctx.userId, inviterRole: ctx.role, ...data }),
});

export const revokeInvitationAction = orgActions.action({
  ...invite,
  schema: ZPendingInvitation,
  input: (invitationId: string) => ({ invitationId }),
  run: (ctx, data) => revokeInvitation({ orgId: ctx.orgId, revokerRole: ctx.role, ...data }),
});

export const resendInvitationAction = orgActions.action({
  ...invite,
  schema: ZPendingInvitation,
  input: (invitationId: string) => ({ invitationId }),
  run: (ctx, data) => resendInvitation({ orgId: ctx.orgId, invitedById: ctx.userId, inviterRole: ctx.role, ...data }),
});

export const changeRoleAction = orgActions.action({
  ...manage,
  schema: ZChangeRole,
  input: (membershipId: string, role: string) => ({ membershipId, role }),
  run: (ctx, data) => changeMemberRole({ orgId: ctx.orgId, ...data }),
});

export const removeMemberAction = orgActions.action({
  ...manage,
  schema: ZRemoveMember,
  input: (membershipId: string) => ({ membershipId }),
  run: (ctx, data) => removeMember({ orgId: ctx.orgId, ...data }),
});
