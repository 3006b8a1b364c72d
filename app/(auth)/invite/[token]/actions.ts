"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientIp } from "@/lib/auth/client-ip";
import { signIn } from "@/lib/auth/next-auth";
import { currentUserId } from "@/lib/auth/session";
import { signUpFromInvitation } from "@/lib/auth/sign-up";
import { ZLinkToken } from "@/lib/auth/link-token";
import { acceptInvitation } from "@/lib/orgs/invitations";
import { ZInvitationSignUp } from "@/lib/orgs/schemas";
import { fieldErrors, toActionError, type TActionResult } from "@/lib/auth/action-result";

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

export async function signUpFromInvitationAction(token: string, _prev: TActionResult, form: FormData): Promise<TActionResult> {
  const values = { name: String(form.get("name") ?? "") };
  const parsed = ZInvitationSignUp.safeParse({ ...values, token, password: form.get("password") });
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fields: fieldErrors(parsed.error), values };
  let joined: { email: string; orgSlug: string };
  try {
    joined = await signUpFromInvitation({ ...parsed.data, ip: clientIp(await headers()) });
  } catch (error) {
    return { ...toActionError(error, { action: "sign-up-from-invitation" }), values };
  }
  await signIn("credentials", { email: joined.email, password: parsed.data.password, redirectTo: `/${joined.orgSlug}` });
  return { ok: true, data: undefined };
}
