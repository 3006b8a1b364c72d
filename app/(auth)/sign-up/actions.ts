"use server";
import { headers } from "next/headers";
import { clientIp } from "@/lib/auth/client-ip";
import { signIn } from "@/lib/auth/next-auth";
import { ZSignUp } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { fieldErrors, toActionError, type TActionResult } from "@/lib/auth/action-result";

export async function signUpAction(_prev: TActionResult, form: FormData): Promise<TActionResult> {
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  const parsed = ZSignUp.safeParse({ ...values, password: form.get("password") });
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fields: fieldErrors(parsed.error), values };
  let orgSlug: string;
  try {
    orgSlug = (await signUp({ ...parsed.data, ip: clientIp(await headers()) })).orgSlug;
  } catch (error) {
    return { ...toActionError(error, { action: "sign-up" }), values };
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: `/${orgSlug}` });
  return { ok: true, data: undefined };
}
