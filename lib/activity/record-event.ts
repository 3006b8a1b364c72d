import { db, type Prisma } from "../db/client";

export const EVENT_TYPES = [
  "agent_restarted",
  "agent_started",
  "agent_stopped",
  "agent_error",
  "chain_changed",
  "key_added",
  "key_removed",
  "provider_url_changed",
  "failover",
  "all_failed",
  "answer_broke_off",
  "answer_repaired",
  "provider_degraded",
  "provider_recovered",
  "needs_attention",
  "health_reset",
  "drill",
] as const;
export type TEventType = (typeof EVENT_TYPES)[number];
export const SEVERITIES = ["info", "warning", "error"] as const;
export type TSeverity = (typeof SEVERITIES)[number];

type TClient = Prisma.TransactionClient | typeof db;

// Event data holds names, models and hints for the sentence the feed shows;
// never a key. `credentialIds` names the providers the event is about, so the
// feed can be filtered by provider.
export async function recordEvent(
  client: TClient,
  event: {
    orgId: string;
    agentId: string | null;
    type: TEventType;
    severity?: TSeverity;
    actorId?: string | null;
    credentialIds?: string[];
    data: Prisma.InputJsonValue;
  },
) {
  await client.activityEvent.create({
    data: {
      orgId: event.orgId,
      agentId: event.agentId,
      type: event.type,
      severity: event.severity ?? "info",
      actorId: event.actorId ?? null,
      credentialIds: event.credentialIds ?? [],
      data: event.data,
    },
  });
}
