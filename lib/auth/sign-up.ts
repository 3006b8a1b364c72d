import { db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { AppError } from "../errors";
import { hashPassword } from "../crypto/password";
import { createOrganizationTx } from "../orgs/create-organization";
import type { TSignUp } from "./schemas";
import { ipRetryMessage, takeIpAttempt } from "./ip-limit";

// A new user gets a first organization they own, in one transaction: never a
// user without a home, never an organization without an owner. `ip` comes
// from clientIp(); its limit is taken before any hashing.
export async function signUp({ name, email, password, ip }: TSignUp & { ip: string }) {
  const ipWait = await takeIpAttempt("sign-up", ip);
  if (ipWait > 0) throw new AppError("RATE_LIMITED", ipRetryMessage(ipWait));
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { name, email, passwordHash }, select: { id: true } });
      const org = await createOrganizationTx(tx, { userId: user.id, name: `${name}'s organization` });
      return { userId: user.id, orgSlug: org.slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "This email is already registered", { email: "This email is already registered. Sign in instead." });
    }
    throw error;
  }
}
