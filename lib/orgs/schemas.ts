import { z } from "zod";
import { ROLES } from "../auth/permissions";

export const ZOrganizationName = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80, "Keep the name under 80 characters"),
});

export const ZAddMember = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "Enter a valid email address" })),
  role: z.enum(ROLES, { error: "Choose a role" }),
});
export type TAddMember = z.infer<typeof ZAddMember>;

export const ZChangeRole = z.object({
  membershipId: z.string().min(1),
  role: z.enum(ROLES, { error: "Choose a role" }),
});

export const ZRemoveMember = z.object({ membershipId: z.string().min(1) });
