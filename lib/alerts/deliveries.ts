// The delivery log: one row per message to one channel, written in the same
// transaction as the incident it tells of, then handed to the alerts queue.
import { db, type Prisma } from "../db/client";
import { env } from "../env";
import { AppError, notFound } from "../errors";
import { log } from "../log";
import type { TDeliveryJob } from "../queue/names";
import { enqueueDelivery } from "../queue/producers";
import { takeHourlyQuota } from "../quotas/hourly-quota";

export const LOG_PAGE = 50;

type TClient = Prisma.TransactionClient | typeof db;

export async function queueIncidentDeliveries(
  tx: TClient,
  { orgId, incidentId, kind }: { orgId: string; incidentId: string; kind: "alert" | "resolved" },
): Promise<TDeliveryJob[]> {
  const channels = await tx.alertChannel.findMany({ where: { orgId }, select: { id: true } });
  if (channels.length === 0) return [];
  const rows = await tx.alertDelivery.createManyAndReturn({
    data: channels.map((c) => ({ orgId, channelId: c.id, incidentId, kind })),
    skipDuplicates: true,
    select: { id: true },
  });
  return rows.map((r) => ({ orgId, deliveryId: r.id }));
}

// The delivery id is the job id: a delivery handed over twice is one job.
export async function enqueueDeliveries(jobs: TDeliveryJob[]) {
  for (const job of jobs) await enqueueDelivery(job);
}

// A test alert to a receiver that hangs holds a delivery slot for up to
// eight tries, so an organization sends ALERT_TESTS_PER_HOUR of them an hour.
export async function sendTestAlert({ orgId, channelId }: { orgId: string; channelId: string }) {
  const channel = await db.alertChannel.findFirst({
    where: { id: channelId, orgId },
    select: { kind: true, _count: { select: { recipients: { where: { confirmedAt: { not: null } } } } } },
  });
  if (!channel) throw notFound("Alert channel not found");
  if (channel.kind === "email" && channel._count.recipients === 0) {
    throw new AppError(
      "CONFLICT",
      "Nobody on this channel has confirmed their address yet. Each was emailed a link; alerts, tests included, go only to confirmed addresses.",
    );
  }
  const limit = env().ALERT_TESTS_PER_HOUR;
  await takeHourlyQuota({
    orgId,
    quota: "alert-tests",
    limit,
    refusal: (retry) => `This organization has sent ${limit} test alerts in the last hour, the most it may. Send the next one ${retry}.`,
  });
  const delivery = await db.alertDelivery.create({ data: { orgId, channelId, kind: "test" }, select: { id: true } });
  try {
    await enqueueDeliveries([{ orgId, deliveryId: delivery.id }]);
  } catch (error) {
    await db.alertDelivery.updateMany({ where: { id: delivery.id, orgId }, data: { status: "failed", lastError: "The job queue was unavailable" } });
    throw error instanceof AppError ? error : new AppError("UNAVAILABLE", "The job queue is unavailable. Try again in a moment.");
  }
  return { deliveryId: delivery.id };
}

export async function listDeliveries({ orgId, limit = LOG_PAGE }: { orgId: string; limit?: number }) {
  return db.alertDelivery.findMany({
    where: { orgId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      kind: true,
      status: true,
      attempts: true,
      lastStatusCode: true,
      lastError: true,
      createdAt: true,
      updatedAt: true,
      deliveredAt: true,
      channel: { select: { name: true, kind: true } },
      incident: { select: { rule: true, label: true, agent: { select: { name: true } } } },
    },
  });
}

// A delivery written but never handed over (Redis was away after the
// commit) is handed over again; one whose job exists is left alone.
const STRANDED_AFTER_MS = 60_000;

export async function requeueStranded(now = new Date()) {
  const stranded = await db.alertDelivery.findMany({
    where: { status: "pending", attempts: 0, updatedAt: { lt: new Date(now.getTime() - STRANDED_AFTER_MS) } },
    select: { orgId: true, id: true },
    take: 500,
  });
  if (stranded.length === 0) return;
  log.info({ deliveries: stranded.length }, "alert deliveries handed to the queue again");
  await enqueueDeliveries(stranded.map((d) => ({ orgId: d.orgId, deliveryId: d.id })));
}
