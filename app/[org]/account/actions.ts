"use server";
import { userFormAction } from "@/app/_lib/define-action";
import { signOutEverywhere } from "@/lib/auth/session";
import { changePassword, ZChangePassword } from "@/lib/auth/change-password";

// On success every session ends, this one too, and the person signs in again
// with the new password.
export const changePasswordAction = userFormAction({
  action: "change-password",
  session: "signed-in",
  schema: ZChangePassword,
  secrets: ["currentPassword", "newPassword"],
  run: (data, userId) => changePassword({ userId, ...data }),
  then: () => signOutEverywhere(),
});
