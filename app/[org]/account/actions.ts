"use server";
import { userFormAction } from "@/app/_lib/define-action";
import { changePassword, ZChangePassword } from "@/lib/auth/change-password";
import { signOutEverywhere } from "@/lib/auth/session";

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
