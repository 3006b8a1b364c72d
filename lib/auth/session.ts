// Web only: resolves the signed-in user and their organization for pages,
// server actions and route handlers.
import { notFound, redirect } from "next/navigation";
import { AppError } from "../errors";
import { auth, signOut } from "./next-auth";
import { bumpSessionVersion } from "./session-version";
import { resolveMembership, type TMembershipContext } from "./membership";
import type { TPermission } from "./permissions";
import { db } from "../db/client";

export async function currentUserId(): Promise<string | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  // A session can outlive its user (deleted, or a reset database).
  const exists = await db.user.count({ where: { id } });
  return exists ? id : null;
}

export async function requireUser() {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  const user = await db.user.findUnique({ where: { id: session.user.id }, select: { id: true, name: true, email: true } });
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
