"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { userFormAction } from "@/app/_lib/define-action";
import { type TActionResult, toActionError } from "@/lib/auth/action-result";
import { clientIp } from "@/lib/auth/client-ip";
import { ZLinkToken } from "@/lib/auth/link-token";
import { signIn } from "@/lib/auth/next-auth";
import { currentUserId } from "@/lib/auth/session";
import { signUpFromInvitation } from "@/lib/auth/sign-up";
import { acceptInvitation } from "@/lib/orgs/invitations";
import { ZInvitationSignUp } from "@/lib/orgs/schemas";

// Not through userFormAction: an account whose address is not confirmed yet
// is still told why it may not accept.
export async function acceptInvitationAction(token: string): Promise<TActionResult> {
  const userId = await currentUserId({ allowUnverified: true });
  if (!userId) return { ok: false, error: "Your session has ended. Sign in again to accept." };
  let orgSlug: string;
  try {
    orgSlug = (await acceptInvitation({ token: ZLinkToken.parse(token), userId })).orgSlug;
  } catch (error) {
    return toActionError(error, { action: "accept-invitation" });
  }
  redirect(`/${orgSlug}`);
}

// The token travels in the form (never echoed back); the address is the invitation's.
export const signUpFromInvitationAction = userFormAction({
  action: "sign-up-from-invitation",
  session: "any",
  schema: ZInvitationSignUp,
  fields: ["name"],
  secrets: ["password", "token"],
  run: async (data) => signUpFromInvitation({ ...data, ip: clientIp(await headers()) }),
  then: (joined, data) => signIn("credentials", { email: joined.email, password: data.password, redirectTo: `/${joined.orgSlug}` }),
});
