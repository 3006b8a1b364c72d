// Web only: resolves the signed-in user and their organization for pages,
// server actions and route handlers.
import { notFound, redirect } from "next/navigation";

import { db } from "../db/client";
import { AppError } from "../errors";
import { needsEmailVerification } from "./email-verification";
import { resolveMembership, type TMembershipContext } from "./membership";
import { auth, signOut } from "./next-auth";
import type { TPermission } from "./permissions";
import { bumpSessionVersion } from "./session-version";

type TUserCheck = { allowUnverified?: boolean };

// The signed-in user's row. A session can outlive its user (deleted, or a
// reset database), and while SMTP_URL is set an account whose address is not
// confirmed counts as signed out everywhere but where it may be confirmed.
async function sessionUser({ allowUnverified = false }: TUserCheck) {
  const id = (await auth())?.user?.id;
  if (!id) return { user: null, unverified: false };
  const user = await db.user.findUnique({ where: { id }, select: { id: true, name: true, email: true, emailVerifiedAt: true } });
  if (!user) return { user: null, unverified: false };
  if (!allowUnverified && needsEmailVerification(user)) return { user: null, unverified: true };
  return { user, unverified: false };
}

export async function currentUser(check: TUserCheck = {}) {
  return (await sessionUser(check)).user;
}

export async function currentUserId(check: TUserCheck = {}): Promise<string | null> {
  return (await currentUser(check))?.id ?? null;
}

export async function requireUser(check: TUserCheck = {}) {
  const { user, unverified } = await sessionUser(check);
  if (unverified) redirect("/verify-email");
  if (!user) redirect("/sign-in");
  return user;
}

// For pages and layouts: another tenant's organization is a 404.
export async function requireMembership(orgSlug: string, permission: TPermission = "org:read"): Promise<TMembershipContext> {
  const user = await requireUser();
  try {
    return await resolveMembership({ userId: user.id, orgSlug, permission });
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}

// Ends this session now and every other one of the user at its next check.
export async function signOutEverywhere(): Promise<never> {
  const userId = await currentUserId();
  if (userId) await bumpSessionVersion(userId);
  return signOut({ redirectTo: "/sign-in" });
}
