import { hashPassword } from "../crypto/password";
import { db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { AppError } from "../errors";
import { createOrganizationTx } from "../orgs/create-organization";
import { joinFromInvitation, takePendingInvitation } from "../orgs/invitations";
import type { TInvitationSignUp } from "../orgs/schemas";
import { sendVerificationEmail } from "./email-verification";
import { ipRetryMessage, takeIpAttempt } from "./ip-limit";
import type { TSignUp } from "./schemas";

const EMAIL_TAKEN = "This email is already registered. Sign in instead.";

// `ip` comes from clientIp(); its limit is taken before any hashing.
async function hashForNewAccount(ip: string, password: string): Promise<string> {
  const ipWait = await takeIpAttempt(ip);
  if (ipWait > 0) throw new AppError("RATE_LIMITED", ipRetryMessage(ipWait));
  return hashPassword(password, ip);
}

function explainTakenEmail(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError("CONFLICT", "This email is already registered", { email: EMAIL_TAKEN });
  throw error;
}

// A new user gets a first organization they own, in one transaction: never a
// user without a home, never an organization without an owner. With a mail
// server, a confirmation link goes to the address (the account waits for it).
export async function signUp({ name, email, password, ip }: TSignUp & { ip: string }) {
  const passwordHash = await hashForNewAccount(ip, password);
  const created = await db
    .$transaction(async (tx) => {
      const user = await tx.user.create({ data: { name, email, passwordHash }, select: { id: true } });
      const org = await createOrganizationTx(tx, { userId: user.id, name: `${name}'s organization` });
      return { userId: user.id, orgSlug: org.slug };
    })
    .catch(explainTakenEmail);
  await sendVerificationEmail(created.userId);
  return created;
}

// Signing up from an invitation: the account takes the invitation's address
// and joins its organization, which is its home. A link that only went to
// that address by email proves its owner read it, so the address counts as
// confirmed; a link the inviter was shown proves nothing, and with a mail
// server the account then confirms its address as any other does.
export async function signUpFromInvitation({ token, name, password, ip }: TInvitationSignUp & { ip: string }) {
  const passwordHash = await hashForNewAccount(ip, password);
  const joined = await db
    .$transaction(async (tx) => {
      const invitation = await takePendingInvitation(tx, token);
      const user = await tx.user.create({
        data: { name, email: invitation.email, passwordHash, emailVerifiedAt: invitation.delivery === "link" ? null : new Date() },
        select: { id: true, email: true },
      });
      await joinFromInvitation(tx, invitation, user.id);
      return { userId: user.id, email: user.email, orgSlug: invitation.org.slug };
    })
    .catch(explainTakenEmail);
  await sendVerificationEmail(joined.userId);
  return joined;
}
