// With a mail server (SMTP_URL), an account is used only once its owner has
// opened a link sent to its address. Without one there is nothing to check.
import { db } from "../db/client";
import { AppError, notFound } from "../errors";
import { verificationMail } from "../mail/messages";
import { mailEnabled, sendMail } from "../mail/send-mail";
import { appLink, hashLinkToken, newLinkToken } from "./link-token";

const LINK_HOURS = 24;
// Links a user may ask for: one a minute, ten a day.
const RESEND_AFTER_SECONDS = 60;
const LINKS_PER_DAY = 10;

export function needsEmailVerification(user: { emailVerifiedAt: Date | null }): boolean {
  return mailEnabled() && user.emailVerifiedAt === null;
}

// Answers whether the mail server took the message.
export async function sendVerificationEmail(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true, email: true, emailVerifiedAt: true } });
  if (!user || !needsEmailVerification(user)) return false;
  const now = Date.now();
  const recent = await db.emailVerification.findMany({
    where: { userId, createdAt: { gt: new Date(now - 24 * 60 * 60 * 1000) } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  const wait = recent[0] ? Math.ceil((recent[0].createdAt.getTime() + RESEND_AFTER_SECONDS * 1000 - now) / 1000) : 0;
  if (wait > 0) throw new AppError("RATE_LIMITED", `We sent a link moments ago. Check your inbox, or ask again in ${wait} seconds.`);
  if (recent.length >= LINKS_PER_DAY) throw new AppError("RATE_LIMITED", "We sent ten links today. Check your inbox and spam folder, or try again tomorrow.");
  const { token, tokenHash } = newLinkToken();
  await db.emailVerification.create({ data: { tokenHash, userId, expiresAt: new Date(now + LINK_HOURS * 60 * 60 * 1000) } });
  return sendMail({ to: user.email, ...verificationMail({ name: user.name, link: appLink(`/verify-email/${token}`) }) });
}

// Opening a link confirms the address and uses up every link of that user.
export async function confirmEmail(token: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const link = await tx.emailVerification.findUnique({ where: { tokenHash: hashLinkToken(token) }, select: { userId: true, expiresAt: true } });
    if (!link || link.expiresAt <= new Date()) {
      throw notFound("This confirmation link has expired or was already used. Sign in to get a new one.");
    }
    await tx.user.update({ where: { id: link.userId }, data: { emailVerifiedAt: new Date() } });
    await tx.emailVerification.deleteMany({ where: { userId: link.userId } });
  });
}
