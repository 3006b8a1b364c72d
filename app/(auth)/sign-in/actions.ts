"use server";
import { headers } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";

import { fieldErrors, type TActionResult, toActionError } from "@/lib/auth/action-result";
import { clientIp } from "@/lib/auth/client-ip";
import { ipRetryMessage } from "@/lib/auth/ip-limit";
import { signIn } from "@/lib/auth/next-auth";
import { ZSignIn } from "@/lib/auth/schemas";
import { retryMessage, signInRetryAfter } from "@/lib/auth/sign-in-limit";
import { busyError } from "@/lib/crypto/password-pool";

export async function signInAction(_prev: TActionResult, form: FormData): Promise<TActionResult> {
  const values = { email: String(form.get("email") ?? "") };
  const parsed = ZSignIn.safeParse({ ...values, password: form.get("password"), next: form.get("next") ?? undefined });
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fields: fieldErrors(parsed.error), values };
  try {
    const { next, ...credentials } = parsed.data;
    await signIn("credentials", { ...credentials, redirectTo: next });
    return { ok: true, data: undefined };
  } catch (error) {
    if (!(error instanceof AuthError)) throw error; // Next's redirect travels as an exception.
    if (error.type !== "CredentialsSignin") return { ...toActionError(error, { action: "sign-in" }), values };
    if (error instanceof CredentialsSignin && error.code === "busy") return { ok: false, error: busyError().message, values };
    if (error instanceof CredentialsSignin && error.code === "ip_limited") return { ok: false, error: ipRetryMessage(60), values };
    const retryAfter = await signInRetryAfter({ ip: clientIp(await headers()), email: parsed.data.email });
    if (retryAfter > 0) return { ok: false, error: retryMessage(retryAfter), values };
    return { ok: false, error: "Wrong email or password.", fields: { password: "Wrong email or password." }, values };
  }
}
