"use server";
import { currentUserId, signOutEverywhere } from "@/lib/auth/session";
import { fieldErrors, toActionError, type TActionResult } from "@/lib/auth/action-result";
import { changePassword, ZChangePassword } from "@/lib/auth/change-password";

// On success every session ends, this one too, and the person signs in again
// with the new password.
export async function changePasswordAction(_prev: TActionResult, form: FormData): Promise<TActionResult> {
  const userId = await currentUserId();
  if (!userId) return { ok: false, error: "Your session has ended. Sign in again." };
  const parsed = ZChangePassword.safeParse({ currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") });
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fields: fieldErrors(parsed.error) };
  try {
    await changePassword({ userId, ...parsed.data });
  } catch (error) {
    return toActionError(error, { action: "change-password" });
  }
  return signOutEverywhere();
}
