"use server";
import { redirect } from "next/navigation";

import { type TActionResult, toActionError } from "@/lib/auth/action-result";
import { confirmEmail, sendVerificationEmail } from "@/lib/auth/email-verification";
import { ZLinkToken } from "@/lib/auth/link-token";
import { currentUserId } from "@/lib/auth/session";

export async function resendVerificationAction(): Promise<TActionResult<string>> {
  const userId = await currentUserId({ allowUnverified: true });
  if (!userId) return { ok: false, error: "Your session has ended. Sign in again." };
  try {
    if (await sendVerificationEmail(userId)) return { ok: true, data: "We sent a new link. It may take a minute to arrive." };
    return { ok: false, error: "The email could not be sent. Try again in a minute." };
  } catch (error) {
    return toActionError(error, { action: "resend-verification" });
  }
}

// Signed in, this leads into the app; otherwise to sign-in.
export async function confirmEmailAction(token: string): Promise<TActionResult> {
  try {
    await confirmEmail(ZLinkToken.parse(token));
  } catch (error) {
    return toActionError(error, { action: "confirm-email" });
  }
  redirect("/");
}
