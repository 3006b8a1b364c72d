import type { TRole } from "../auth/permissions";
import { bumpSessionVersion } from "../auth/session-version";
import { db, type Prisma } from "../db/client";
import { AppError, notFound } from "../errors";

type TTx = Prisma.TransactionClient;

export async function listMembers({ orgId }: { orgId: string }) {
  return db.membership.findMany({
    where: { orgId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
}

// Owner changes and invitations run one at a time per organization (row
// lock), so two concurrent demotions cannot leave it without an owner.
export async function lockOrganization(tx: TTx, orgId: string) {
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${orgId} FOR UPDATE`;
}

async function assertAnotherOwner(tx: TTx, orgId: string, membershipId: string, message: string) {
  const others = await tx.membership.count({ where: { orgId, role: "owner", id: { not: membershipId } } });
  if (others === 0) throw new AppError("CONFLICT", message);
}

export async function changeMemberRole({ orgId, membershipId, role }: { orgId: string; membershipId: string; role: TRole }) {
  return db.$transaction(async (tx) => {
    await lockOrganization(tx, orgId);
    const current = await tx.membership.findFirst({ where: { id: membershipId, orgId }, select: { role: true } });
    if (!current) throw notFound("Member not found");
    if (current.role === "owner" && role !== "owner") {
      await assertAnotherOwner(tx, orgId, membershipId, "The last owner cannot be demoted. Make someone else an owner first.");
    }
    await tx.membership.update({ where: { id: membershipId, orgId }, data: { role } });
  });
}

export async function removeMember({ orgId, membershipId }: { orgId: string; membershipId: string }) {
  return db.$transaction(async (tx) => {
    await lockOrganization(tx, orgId);
    const current = await tx.membership.findFirst({ where: { id: membershipId, orgId }, select: { role: true, userId: true } });
    if (!current) throw notFound("Member not found");
    if (current.role === "owner") {
      await assertAnotherOwner(tx, orgId, membershipId, "The last owner cannot be removed. Make someone else an owner first.");
    }
    await tx.membership.delete({ where: { id: membershipId, orgId } });
    // Someone removed from their last organization has nothing left to see: end their sessions.
    const remaining = await tx.membership.count({ where: { userId: current.userId } });
    if (remaining === 0) await bumpSessionVersion(current.userId, tx);
  });
}
