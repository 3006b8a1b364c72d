import { db } from "../db/client";

// Keyset pagination, newest first: the cursor is the last row's (createdAt,
// id), so events arriving meanwhile never shift a page (no skips, no repeats).
export type TCursor = { createdAt: Date; id: string };

export function encodeCursor(c: TCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString("base64url");
}

export function decodeCursor(value: string | undefined | null): TCursor | null {
  if (!value) return null;
  const [at, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

export async function listEvents({ orgId, agentId, types, cursor, take = 50 }: { orgId: string; agentId?: string; types?: string[]; cursor?: TCursor | null; take?: number }) {
  const rows = await db.activityEvent.findMany({
    where: {
      orgId,
      ...(agentId ? { agentId } : {}),
      ...(types?.length ? { type: { in: types } } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: { id: true, type: true, severity: true, data: true, createdAt: true, actorId: true, agent: { select: { name: true, slug: true } } },
  });
  const page = rows.slice(0, take);
  const actorIds = [...new Set(page.map((r) => r.actorId).filter((id): id is string => Boolean(id)))];
  // Names only of people who are members of this organization.
  const actors = actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds }, memberships: { some: { orgId } } }, select: { id: true, name: true } }) : [];
  const names = new Map(actors.map((a) => [a.id, a.name]));
  const last = page.at(-1);
  return {
    events: page.map((r) => ({ ...r, actorName: r.actorId ? (names.get(r.actorId) ?? null) : null })),
    nextCursor: rows.length > take && last ? encodeCursor(last) : null,
  };
}
export type TEventRow = Awaited<ReturnType<typeof listEvents>>["events"][number];
