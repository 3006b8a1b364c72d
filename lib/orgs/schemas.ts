import { z } from "zod";

import { ZLinkToken } from "../auth/link-token";
import { ROLES } from "../auth/permissions";
import { ZEmail, ZSignUp } from "../auth/schemas";

export const ZOrganizationName = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80, "Keep the name under 80 characters"),
});

export const ZInvite = z.object({
  email: ZEmail,
  role: z.enum(ROLES, { error: "Choose a role" }),
});

// Revoking or resending a pending invitation.
export const ZPendingInvitation = z.object({ invitationId: z.string().min(1).max(100) });

// Signing up from an invitation: the address is the invitation's.
export const ZInvitationSignUp = ZSignUp.pick({ name: true, password: true }).extend({ token: ZLinkToken });
export type TInvitationSignUp = z.infer<typeof ZInvitationSignUp>;

export const ZChangeRole = z.object({
  membershipId: z.string().min(1),
  role: z.enum(ROLES, { error: "Choose a role" }),
});

export const ZRemoveMember = z.object({ membershipId: z.string().min(1) });
