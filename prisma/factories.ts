// Data builders shared by the demo seed and the tests. Test callers pass
// unique names so tests can run in parallel without depending on each other.
import { randomUUID } from "node:crypto";

import type { TRole } from "../lib/auth/permissions";
import { sealKey } from "../lib/credentials/store-key";
import { hashPassword } from "../lib/crypto/password";
import { db, type Prisma } from "../lib/db/client";
import type { TVendor } from "../lib/providers/types";

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export async function upsertUser({ email, name, password }: { email: string; name: string; password: string }) {
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
  if (existing) return existing;
  return db.user.create({
    data: { email, name, passwordHash: await hashPassword(password), emailVerifiedAt: new Date() },
    select: { id: true, email: true, name: true },
  });
}

export async function upsertOrganization({ slug, name, ownerId }: { slug: string; name: string; ownerId: string }) {
  const org = await db.organization.upsert({ where: { slug }, update: {}, create: { slug, name }, select: { id: true, slug: true, name: true } });
  await addMembership({ orgId: org.id, userId: ownerId, role: "owner" });
  return org;
}

export async function addMembership({ orgId, userId, role }: { orgId: string; userId: string; role: TRole }) {
  return db.membership.upsert({ where: { orgId_userId: { orgId, userId } }, update: { role }, create: { orgId, userId, role } });
}

// A user with their own organization, for tests.
export async function createTenant(role: TRole = "owner") {
  const tag = unique("t");
  const user = await upsertUser({ email: `${tag}@example.test`, name: `User ${tag}`, password: "correct horse battery" });
  const owner = role === "owner" ? user : await upsertUser({ email: `${tag}-owner@example.test`, name: `Owner ${tag}`, password: "correct horse battery" });
  const org = await upsertOrganization({ slug: tag, name: `Org ${tag}`, ownerId: owner.id });
  if (role !== "owner") await addMembership({ orgId: org.id, userId: user.id, role });
  return { user, org, password: "correct horse battery" };
}

// A saved provider whose key is sealed exactly as the Providers page does it.
export async function createSavedProvider({
  orgId,
  name,
  vendor,
  apiKey,
  defaultModel,
  baseUrl = null,
  userId = null,
}: {
  orgId: string;
  name: string;
  vendor: TVendor;
  apiKey: string;
  defaultModel: string;
  baseUrl?: string | null;
  userId?: string | null;
}) {
  const id = randomUUID();
  const sealed = await sealKey({ orgId, credentialId: id, apiKey });
  return db.credential.create({
    data: { id, orgId, vendor, name, defaultModel, baseUrl, createdById: userId, ...sealed },
    select: { id: true, name: true, vendor: true, keyHint: true },
  });
}

// Activity events written straight to the table, many at once (feed, export
// and retention tests). `at(i)` and `data(i)` shape each event.
export async function createEvents({
  orgId,
  count,
  agentId = null,
  type = "chain_changed",
  severity = "info",
  credentialIds = [],
  at = () => new Date(),
  data = (i) => ({ change: `Event ${i}` }),
}: {
  orgId: string;
  count: number;
  agentId?: string | null;
  type?: string;
  severity?: string;
  credentialIds?: string[];
  at?: (i: number) => Date;
  data?: (i: number) => Prisma.InputJsonValue;
}) {
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, k) => start + k).map((i) => ({
      orgId,
      agentId,
      type,
      severity,
      credentialIds,
      createdAt: at(i),
      data: data(i),
    }));
    await db.activityEvent.createMany({ data: rows });
  }
}
