"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/next-auth";
import { ZSignIn } from "@/lib/auth/schemas";
import { retryMessage, signInRetryAfter } from "@/lib/auth/sign-in-limit";
import { fieldErrors, toActionError, type TActionResult } from "@/lib/auth/action-result";

export async function signInAction(_prev: TActionResult, form: FormData): Promise<TActionResult> {
  const values = { email: String(form.get("email") ?? "") };
  const parsed = ZSignIn.safeParse({ ...values, password: form.get("password") });
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fields: fieldErrors(parsed.error), values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
    return { ok: true, data: undefined };
  } catch (error) {
    if (!(error instanceof AuthError)) throw error; // Next's redirect travels as an exception.
    if (error.type !== "CredentialsSignin") return { ...toActionError(error, { action: "sign-in" }), values };
    const retryAfter = await signInRetryAfter(parsed.data.email);
    if (retryAfter > 0) return { ok: false, error: retryMessage(retryAfter), values };
    return { ok: false, error: "Wrong email or password.", fields: { password: "Wrong email or password." }, values };
  }
}
