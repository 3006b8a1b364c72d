import { db, type Prisma } from "../db/client";
import { uniqueSlug } from "./slug";

type TTx = Prisma.TransactionClient;

export async function createOrganizationTx(tx: TTx, { userId, name }: { userId: string; name: string }) {
  const slug = await uniqueSlug(name, async (s) => (await tx.organization.count({ where: { slug: s } })) > 0);
  return tx.organization.create({
    data: { name, slug, memberships: { create: { userId, role: "owner" } } },
    select: { id: true, slug: true, name: true },
  });
}

export async function createOrganization(input: { userId: string; name: string }) {
  return db.$transaction((tx) => createOrganizationTx(tx, input));
}
