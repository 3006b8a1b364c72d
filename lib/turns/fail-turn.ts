// Settles as failed a turn that no run will finish: its job gave up after its
// last attempt, or the reconciler found it still running long past its
// budget. The turn's stream gets its end and waiters are told, so an API
// caller gets the error at once and the chat shows it.
import type { Redis } from "ioredis";

import { db } from "../db/client";
import { metrics } from "../observability/metrics";
import { ZTurnJob } from "../queue/names";
import { settleFailed } from "./settle-turn";
import type { TTurnOutcome } from "./turn-outcome";
import { endTurnStream, failedEnd } from "./turn-stream";

export type TFailTurnDeps = { streams: Redis; publish: (turnId: string) => Promise<unknown>; onStreamError?: (error: unknown) => void };

type TFailTurn = { turnId: string; orgId: string; outcome: TTurnOutcome; message: string; deps: TFailTurnDeps };

// True when this call settled it; a turn settled meanwhile is left alone.
export async function failTurn({ turnId, orgId, outcome, message, deps }: TFailTurn): Promise<boolean> {
  const turn = await db.turn.findFirst({ where: { id: turnId, orgId, state: { in: ["queued", "running"] } }, select: { agentId: true, conversationId: true } });
  if (!turn) return false;
  const settled = await settleFailed({ turn: { id: turnId, orgId, ...turn }, outcome, message });
  if (!settled) return false;
  metrics().turns.inc({ outcome });
  await endTurnStream({ redis: deps.streams, turnId, end: failedEnd({ outcome, message }) }).catch((error: unknown) => deps.onStreamError?.(error));
  await deps.publish(turnId).catch(() => undefined);
  return true;
}

// What a turns job looks like to the worker's "failed" listener.
type TFailedJob = { id?: string; data: unknown; attemptsMade: number; opts: { attempts?: number }; finishedOn?: number };

// BullMQ reports every failed attempt; only the last one (no retry left, or
// moved to failed outright) ends the turn.
const gaveUp = (job: TFailedJob) => job.finishedOn !== undefined || job.attemptsMade >= (job.opts.attempts ?? 1);

export async function failGivenUpTurn({ job, deps }: { job: TFailedJob; deps: TFailTurnDeps }): Promise<boolean> {
  if (!gaveUp(job)) return false;
  const parsed = ZTurnJob.safeParse(job.data);
  if (!parsed.success) return false;
  const { turnId, orgId } = parsed.data;
  const message = `The turn could not be run: it failed ${job.attemptsMade} time${job.attemptsMade === 1 ? "" : "s"} in the worker (see its log).`;
  return failTurn({ turnId, orgId, outcome: "server_error", message, deps });
}
