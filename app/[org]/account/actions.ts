"use server";
import { headers } from "next/headers";

import { userFormAction } from "@/app/_lib/define-action";
import { changePassword, ZChangePassword } from "@/lib/auth/change-password";
import { clientIp } from "@/lib/auth/client-ip";
import { signOutEverywhere } from "@/lib/auth/session";

// On success every session ends, this one too, and the person signs in again
// with the new password.
export const changePasswordAction = userFormAction({
  action: "change-password",
  session: "signed-in",
  schema: ZChangePassword,
  secrets: ["currentPassword", "newPassword"],
  run: async (data, userId) => changePassword({ userId, ...data, ip: clientIp(await headers()) }),
  then: () => signOutEverywhere(),
});
