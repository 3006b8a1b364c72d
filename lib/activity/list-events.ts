import { db, type Prisma } from "../db/client";
import { timed } from "../db/timed";
import type { TSeverity } from "./record-event";

// Keyset pagination, newest first: the cursor is the last row's (createdAt,
// id), so events arriving meanwhile never shift a page (no skips, no repeats).
export type TCursor = { createdAt: Date; id: string };

function encodeCursor(c: TCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString("base64url");
}

export function decodeCursor(value: string | undefined | null): TCursor | null {
  if (!value) return null;
  const [at, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

// What the feed, its live updates and the CSV export select on. The
// organization is not part of it: every caller passes it separately and it is
// always in the where.
export type TEventFilter = {
  agentId?: string;
  type?: string;
  severity?: TSeverity;
  credentialId?: string;
  from?: Date;
  to?: Date;
};

const latest = (a?: Date, b?: Date) => (a && b ? (a > b ? a : b) : (a ?? b));

function eventWhere(orgId: string, filter: TEventFilter, cursor: TCursor | null, since: Date | undefined): Prisma.ActivityEventWhereInput {
  const from = latest(filter.from, since);
  return {
    orgId,
    ...(filter.agentId ? { agentId: filter.agentId } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.severity ? { severity: filter.severity } : {}),
    ...(filter.credentialId ? { credentialIds: { has: filter.credentialId } } : {}),
    ...(from || filter.to ? { createdAt: { ...(from ? { gte: from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
    // The lte repeats what the OR says, in a form the index can start from:
    // without it a deep page walks every newer row first.
    ...(cursor
      ? {
          AND: [{ createdAt: { lte: cursor.createdAt } }],
          OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
        }
      : {}),
  };
}

// One page of events, newest first. `since` asks for the events created at or
// after an instant (live updates); `cursor` for the page after a row.
export async function listEvents({
  orgId,
  filter = {},
  cursor = null,
  since,
  take = 50,
}: {
  orgId: string;
  filter?: TEventFilter;
  cursor?: TCursor | null;
  since?: Date;
  take?: number;
}) {
  return timed("activity.list", async () => {
    const rows = await db.activityEvent.findMany({
      where: eventWhere(orgId, filter, cursor, since),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: take + 1,
      select: {
        id: true,
        type: true,
        severity: true,
        data: true,
        createdAt: true,
        actorId: true,
        credentialIds: true,
        agent: { select: { name: true, slug: true } },
      },
    });
    const page = rows.slice(0, take);
    const actorIds = [...new Set(page.map((r) => r.actorId).filter((id): id is string => Boolean(id)))];
    // Names only of people who are members of this organization.
    const actors = actorIds.length
      ? await db.user.findMany({ where: { id: { in: actorIds }, memberships: { some: { orgId } } }, select: { id: true, name: true } })
      : [];
    const names = new Map(actors.map((a) => [a.id, a.name]));
    const last = page.at(-1);
    return {
      events: page.map((r) => ({ ...r, actorName: r.actorId ? (names.get(r.actorId) ?? null) : null })),
      nextCursor: rows.length > take && last ? encodeCursor(last) : null,
    };
  });
}
