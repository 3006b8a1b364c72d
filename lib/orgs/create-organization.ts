import { db, type Prisma } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { uniqueSlug } from "./slug";

type TTx = Prisma.TransactionClient;

// Every per-organization allowance (turns in flight, requests a minute,
// alert channels, drills an hour) multiplies with the organizations one
// person owns, so a person may own at most ORGS_PER_USER. The user's row
// stays locked until the new organization is in, so two creations at once
// cannot both take the last place.
async function assertMayOwnAnother(tx: TTx, userId: string) {
  await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR NO KEY UPDATE`;
  const most = env().ORGS_PER_USER;
  const owned = await tx.membership.count({ where: { userId, role: "owner" } });
  if (owned < most) return;
  throw new AppError("CONFLICT", `You already own ${owned} organizations, the most one person may own here. Add your agents to one of them instead.`);
}

export async function createOrganizationTx(tx: TTx, { userId, name }: { userId: string; name: string }) {
  await assertMayOwnAnother(tx, userId);
  const slug = await uniqueSlug(name, async (s) => (await tx.organization.count({ where: { slug: s } })) > 0);
  return tx.organization.create({
    data: { name, slug, memberships: { create: { userId, role: "owner" } } },
    select: { id: true, slug: true, name: true },
  });
}

export async function createOrganization(input: { userId: string; name: string }) {
  return db.$transaction((tx) => createOrganizationTx(tx, input));
}
