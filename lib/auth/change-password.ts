import { z } from "zod";

import { hashPassword, verifyPassword } from "../crypto/password";
import { db } from "../db/client";
import { AppError } from "../errors";
import { ZSignUp } from "./schemas";
import { bumpSessionVersion } from "./session-version";

export const ZChangePassword = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(200, "Wrong password"),
  newPassword: ZSignUp.shape.password,
});
type TChangePassword = z.infer<typeof ZChangePassword>;

// A new password ends every session of the user, the current one too: whoever
// knew the old password may hold one of them.
export async function changePassword({ userId, currentPassword, newPassword }: TChangePassword & { userId: string }) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("INVALID_INPUT", "Wrong password", { currentPassword: "This is not your current password." });
  }
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
    await bumpSessionVersion(userId, tx);
  });
}
