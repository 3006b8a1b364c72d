import { db } from "../db/client";
import { AppError, notFound } from "../errors";
import { can, type TPermission, type TRole } from "./permissions";

export type TMembershipContext = {
  userId: string;
  orgId: string;
  orgSlug: string;
  orgName: string;
  role: TRole;
};

// The one place that turns (user, org slug) into a tenant context. Not a
// member is "not found", never "forbidden": another tenant's resources do
// not exist for you.
export async function resolveMembership({
  userId,
  orgSlug,
  permission = "org:read",
}: {
  userId: string;
  orgSlug: string;
  permission?: TPermission;
}): Promise<TMembershipContext> {
  const membership = await db.membership.findFirst({
    where: { userId, org: { slug: orgSlug } },
    select: { role: true, org: { select: { id: true, slug: true, name: true } } },
  });
  if (!membership) throw notFound("Organization not found");
  if (!can(membership.role, permission)) {
    throw new AppError("FORBIDDEN", "Your role does not allow this. Ask an owner or admin.");
  }
  return {
    userId,
    orgId: membership.org.id,
    orgSlug: membership.org.slug,
    orgName: membership.org.name,
    role: membership.role,
  };
}

export async function listUserOrganizations(userId: string) {
  return db.membership.findMany({
    where: { userId },
    select: { role: true, org: { select: { id: true, slug: true, name: true } } },
    orderBy: { org: { name: "asc" } },
  });
}
