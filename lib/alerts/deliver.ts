// Runs in the worker: one attempt of one delivery, recorded in the delivery
// log whatever happens. The caller (the alerts processor) retries a failure
// that is not the last attempt and not permanent.
import { db } from "../db/client";
import { env } from "../env";
import { openChannelTarget } from "./channels";
import type { TAlertMessage } from "./message";
import { DEFAULT_FAILOVER_RATE_PERCENT, type TIncidentDetail } from "./rules";
import { sendToChannel, type TSendResult } from "./send";

async function loadDelivery({ orgId, deliveryId }: { orgId: string; deliveryId: string }) {
  return db.alertDelivery.findFirst({
    where: { id: deliveryId, orgId },
    select: {
      id: true,
      kind: true,
      status: true,
      channel: {
        select: {
          id: true,
          orgId: true,
          kind: true,
          urlCipher: true,
          secretCipher: true,
          // Only the addresses whose owners confirmed them receive alerts.
          recipients: { where: { confirmedAt: { not: null } }, select: { email: true } },
        },
      },
      incident: {
        select: {
          id: true,
          rule: true,
          label: true,
          detail: true,
          openedAt: true,
          resolvedAt: true,
          agent: { select: { slug: true, name: true, org: { select: { slug: true, name: true, alertSettings: { select: { failoverRatePercent: true } } } } } },
        },
      },
    },
  });
}

type TDelivery = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

async function messageOf(delivery: TDelivery, orgId: string): Promise<TAlertMessage> {
  const { incident } = delivery;
  const org =
    incident?.agent.org ?? (await db.organization.findFirstOrThrow({ where: { id: orgId }, select: { slug: true, name: true, alertSettings: true } }));
  return {
    kind: delivery.kind,
    deliveryId: delivery.id,
    incident: incident && {
      id: incident.id,
      rule: incident.rule,
      provider: incident.label,
      detail: (incident.detail ?? {}) as TIncidentDetail,
      openedAt: incident.openedAt,
      resolvedAt: incident.resolvedAt,
    },
    organization: { slug: org.slug, name: org.name },
    agent: incident ? { slug: incident.agent.slug, name: incident.agent.name } : null,
    thresholdPercent: org.alertSettings?.failoverRatePercent ?? DEFAULT_FAILOVER_RATE_PERCENT,
    appUrl: env().APP_URL,
    sentAt: new Date(),
  };
}

export const NO_CONFIRMED_RECIPIENT = "No recipient of this channel has confirmed their address yet; alerts go only to confirmed addresses.";

async function attempt(delivery: TDelivery, message: TAlertMessage): Promise<TSendResult> {
  const { channel } = delivery;
  if (channel.kind === "email" && channel.recipients.length === 0) return { ok: false, statusCode: null, error: NO_CONFIRMED_RECIPIENT, permanent: true };
  try {
    const { url, secret } = await openChannelTarget(channel);
    if (channel.kind === "email") return await sendToChannel({ target: { kind: "email", emails: channel.recipients.map((r) => r.email) }, message });
    if (!url) throw new Error("The channel has no URL");
    if (channel.kind === "slack") return await sendToChannel({ target: { kind: "slack", url }, message });
    if (!secret) throw new Error("The webhook has no signing secret");
    return await sendToChannel({ target: { kind: "webhook", url, secret }, message });
  } catch (error) {
    // The vault or the database, not the receiver: worth another attempt.
    return { ok: false, statusCode: null, error: error instanceof Error ? error.message : String(error), permanent: false };
  }
}

export type TDeliveryOutcome = { kind: "gone" | "already_delivered" } | { kind: "sent"; result: TSendResult; final: boolean };

// `lastAttempt`: no retry follows a failure, so it is recorded as failed.
export async function deliverAlert({ orgId, deliveryId, lastAttempt }: { orgId: string; deliveryId: string; lastAttempt: boolean }): Promise<TDeliveryOutcome> {
  const delivery = await loadDelivery({ orgId, deliveryId });
  // The channel (and its deliveries) was deleted since.
  if (!delivery) return { kind: "gone" };
  if (delivery.status === "delivered") return { kind: "already_delivered" };
  const result = await attempt(delivery, await messageOf(delivery, orgId));
  const final = result.ok || result.permanent || lastAttempt;
  await db.alertDelivery.updateMany({
    where: { id: deliveryId, orgId },
    data: {
      attempts: { increment: 1 },
      lastStatusCode: result.statusCode,
      lastError: result.ok ? null : result.error,
      status: result.ok ? "delivered" : final ? "failed" : "pending",
      deliveredAt: result.ok ? new Date() : null,
    },
  });
  return { kind: "sent", result, final };
}
