import { z } from "zod";

export const QUEUES = { control: "agent-control", turns: "turns", health: "health" } as const;

// Payloads carry ids only; the worker reads everything else from PostgreSQL.
export const ZControlJob = z.object({
  orgId: z.string().min(1),
  agentId: z.string().min(1),
  action: z.enum(["start", "restart", "stop"]),
  requestedById: z.string().min(1).nullable(),
});
export type TControlJob = z.infer<typeof ZControlJob>;

export const ZTurnJob = z.object({ turnId: z.string().min(1) });
export type TTurnJob = z.infer<typeof ZTurnJob>;

// Published once a turn's answer (or failure) is committed.
export const turnDoneChannel = (turnId: string) => `understudy:turn-done:${turnId}`;
