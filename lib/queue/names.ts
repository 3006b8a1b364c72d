import { z } from "zod";

export const QUEUES = {
  control: "agent-control",
  turns: "turns",
  health: "health",
  maintenance: "maintenance",
  drills: "drills",
  alerts: "alerts",
} as const;

// Daily housekeeping on the maintenance queue: delete activity past each
// organization's retention (03:30 UTC, a quiet hour for most tenants).
export const PRUNE_ACTIVITY = { scheduler: "prune-activity", job: "prune-activity", pattern: "30 3 * * *" } as const;

// Once a day, on the drills queue: one drill for each running agent that has
// the daily drill on and a backup (06:00 UTC, before most tenants' working day).
export const DAILY_DRILLS = { scheduler: "daily-drills", job: "daily-drills", pattern: "0 6 * * *" } as const;

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
  // The W3C trace context of the request that queued it, when traces are
  // on; one that cannot be read is dropped, never a reason to fail the turn.
  traceparent: z
    .string()
    .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
    .optional()
    .catch(undefined),
});
export type TTurnJob = z.infer<typeof ZTurnJob>;

export const DRILL_TRIGGERS = ["manual", "daily"] as const;
export type TDrillTrigger = (typeof DRILL_TRIGGERS)[number];

// One failover drill of one agent. `drillId` is the job id and names the
// drill's activity event, so the page that asked for it finds its result.
// `requestedById` is the member who pressed the button; null for the daily one.
export const ZDrillJob = z.object({
  orgId: z.string().min(1),
  agentId: z.string().min(1),
  drillId: z.uuid(),
  requestedById: z.string().min(1).nullable(),
  trigger: z.enum(DRILL_TRIGGERS),
});
export type TDrillJob = z.infer<typeof ZDrillJob>;

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
