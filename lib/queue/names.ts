import { z } from "zod";

export const QUEUES = { control: "agent-control", turns: "turns", health: "health", maintenance: "maintenance", alerts: "alerts" } as const;

// Daily housekeeping on the maintenance queue: delete activity past each
// organization's retention (03:30 UTC, a quiet hour for most tenants).
export const PRUNE_ACTIVITY = { scheduler: "prune-activity", job: "prune-activity", pattern: "30 3 * * *" } as const;

// Payloads carry ids only; the worker reads everything else from PostgreSQL.
export const ZControlJob = z.object({
  orgId: z.string().min(1),
  agentId: z.string().min(1),
  action: z.enum(["start", "restart", "stop"]),
  requestedById: z.string().min(1).nullable(),
});
export type TControlJob = z.infer<typeof ZControlJob>;

// Ids only; with the organization the worker claims the turn and reads all
// it needs in one statement. The agent and conversation ids that jobs of
// older releases carry are ignored: the stored turn names them.
export const ZTurnJob = z.object({
  turnId: z.string().min(1),
  orgId: z.string().min(1),
});
export type TTurnJob = z.infer<typeof ZTurnJob>;

// Published once a turn's answer (or failure) is committed.
export const TURNS_SETTLED_CHANNEL = "understudy:turns-settled";

// The alerts queue: the repeatable scan of the activity feed, and one job per
// message to one channel (lib/alerts).
export const ALERT_JOBS = { scan: "scan", deliver: "deliver" } as const;
// Eight attempts, 2 s apart and doubling: a receiver down for about four
// minutes still gets the message.
export const DELIVERY_RETRY = { attempts: 8, backoff: { type: "exponential", delay: 2_000 } } as const;

export const ZDeliveryJob = z.object({ orgId: z.string().min(1), deliveryId: z.string().min(1) });
export type TDeliveryJob = z.infer<typeof ZDeliveryJob>;
