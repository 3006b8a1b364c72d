import { z } from "zod";

import { hashPassword, verifyPassword } from "../crypto/password";
import { db } from "../db/client";
import { AppError } from "../errors";
import { redisKey } from "../queue/connections";
import { takeAttempt, waitText } from "./attempt-window";
import { ipRetryMessage, takeIpAttempt } from "./ip-limit";
import { ZSignUp } from "./schemas";
import { bumpSessionVersion } from "./session-version";

export const ZChangePassword = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(200, "Wrong password"),
  newPassword: ZSignUp.shape.password,
});
type TChangePassword = z.infer<typeof ZChangePassword>;

// Each change costs two hashes: a user (or a stolen session guessing the
// current password) gets this many tries, right or wrong, in the window.
export const PASSWORD_CHANGE_LIMIT = { attempts: 10, windowSeconds: 60 * 60 };

// Both limits are taken before any hashing: the address's allowance, shared
// with sign-in and sign-up, then the user's own.
async function takeChangeAttempt({ userId, ip }: { userId: string; ip: string }) {
  const ipWait = await takeIpAttempt(ip);
  if (ipWait > 0) throw new AppError("RATE_LIMITED", ipRetryMessage(ipWait));
  const wait = await takeAttempt({
    key: redisKey("password-change", userId),
    limit: PASSWORD_CHANGE_LIMIT.attempts,
    windowSeconds: PASSWORD_CHANGE_LIMIT.windowSeconds,
  });
  if (wait > 0) throw new AppError("RATE_LIMITED", `You tried to change your password too often. Try again in ${waitText(wait)}.`);
}

// A new password ends every session of the user, the current one too: whoever
// knew the old password may hold one of them. `ip` comes from clientIp().
export async function changePassword({ userId, currentPassword, newPassword, ip }: TChangePassword & { userId: string; ip: string }) {
  await takeChangeAttempt({ userId, ip });
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword({ hash: user.passwordHash, password: currentPassword, client: ip }))) {
    throw new AppError("INVALID_INPUT", "Wrong password", { currentPassword: "This is not your current password." });
  }
  const passwordHash = await hashPassword(newPassword, ip);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
    await bumpSessionVersion(userId, tx);
  });
}
