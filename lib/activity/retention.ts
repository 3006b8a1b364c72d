// How long an organization keeps its activity; the daily prune job
// (prune-events.ts) deletes what is older.
import { z } from "zod";

import { db } from "../db/client";

export const RETENTION_DAYS = { min: 7, max: 3650, default: 90 } as const;

export const ZRetention = z.object({
  retentionDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(RETENTION_DAYS.min, `Keep activity for at least ${RETENTION_DAYS.min} days.`)
    .max(RETENTION_DAYS.max, `Keep activity for at most ${RETENTION_DAYS.max} days (10 years).`),
});
type TRetention = z.infer<typeof ZRetention>;

export async function getRetention({ orgId }: { orgId: string }): Promise<number> {
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { retentionDays: true } });
  return org.retentionDays;
}

export async function setRetention({ orgId, input }: { orgId: string; input: TRetention }) {
  await db.organization.update({ where: { id: orgId }, data: { retentionDays: input.retentionDays } });
}
