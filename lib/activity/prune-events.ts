// Retention: deletes each organization's events older than its retentionDays,
// a bounded batch per statement so no DELETE holds locks on millions of rows.
import { db } from "../db/client";

const PRUNE_BATCH = 5000;
const DAY_MS = 86_400_000;

type TPruned = { orgId: string; deleted: number; batches: number };

export async function pruneOrganizationEvents({
  orgId,
  retentionDays,
  now = new Date(),
  batchSize = PRUNE_BATCH,
}: {
  orgId: string;
  retentionDays: number;
  now?: Date;
  batchSize?: number;
}): Promise<TPruned> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const count = await db.$executeRaw`
      DELETE FROM activity_events WHERE id IN (
        SELECT id FROM activity_events WHERE org_id = ${orgId} AND created_at < ${cutoff} ORDER BY created_at LIMIT ${batchSize}
      )`;
    if (count === 0) break;
    deleted += count;
    batches += 1;
    if (count < batchSize) break;
  }
  return { orgId, deleted, batches };
}

// Every organization, by its own setting. Returns those that lost events.
export async function pruneExpiredEvents({ now = new Date(), batchSize = PRUNE_BATCH }: { now?: Date; batchSize?: number } = {}): Promise<TPruned[]> {
  const pruned: TPruned[] = [];
  let after = "";
  for (;;) {
    const orgs = await db.organization.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: 500, select: { id: true, retentionDays: true } });
    for (const org of orgs) {
      const result = await pruneOrganizationEvents({ orgId: org.id, retentionDays: org.retentionDays, now, batchSize });
      if (result.deleted) pruned.push(result);
      after = org.id;
    }
    if (orgs.length < 500) return pruned;
  }
}
