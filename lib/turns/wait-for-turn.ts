// Web side: wait until a worker has settled a turn. The worker publishes on
// the turn's channel after it commits; the database is read after subscribing,
// so an answer committed in between is not missed.
import { Redis } from "ioredis";
import { db } from "../db/client";
import { ZEnv } from "../env";
import { turnDoneChannel } from "../queue/names";

const globalForWait = globalThis as unknown as { turnSubscriber?: Redis; turnWaiters?: Map<string, Set<() => void>> };

function subscriber() {
  if (!globalForWait.turnSubscriber) {
    const sub = new Redis(ZEnv.shape.REDIS_URL.parse(process.env.REDIS_URL), { maxRetriesPerRequest: 1 });
    sub.on("error", () => {});
    sub.on("message", (channel: string) => globalForWait.turnWaiters?.get(channel)?.forEach((wake) => wake()));
    globalForWait.turnSubscriber = sub;
    globalForWait.turnWaiters = new Map();
  }
  return { sub: globalForWait.turnSubscriber, waiters: globalForWait.turnWaiters! };
}

const SETTLED_SELECT = {
  id: true,
  state: true,
  conversationId: true,
  answer: true,
  answeredBy: true,
  failedOver: true,
  errorOutcome: true,
  errorStatus: true,
  errorMessage: true,
  inputTokens: true,
  outputTokens: true,
  latencyMs: true,
  createdAt: true,
} as const;

async function readSettled(turnId: string) {
  const turn = await db.turn.findUnique({ where: { id: turnId }, select: SETTLED_SELECT });
  return turn && (turn.state === "answered" || turn.state === "failed") ? turn : null;
}
export type TSettledTurn = NonNullable<Awaited<ReturnType<typeof readSettled>>>;

export async function waitForTurn(turnId: string, timeoutMs: number): Promise<TSettledTurn | null> {
  const { sub, waiters } = subscriber();
  const channel = turnDoneChannel(turnId);
  let wake: () => void = () => {};
  const woken = new Promise<void>((resolve) => (wake = resolve));
  const set = waiters.get(channel) ?? new Set();
  set.add(wake);
  waiters.set(channel, set);
  try {
    if (set.size === 1) await sub.subscribe(channel);
    const settled = await readSettled(turnId);
    if (settled) return settled;
    // A lost message costs at most one poll interval, never the answer.
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await Promise.race([woken, new Promise((r) => setTimeout(r, Math.min(2000, deadline - Date.now())))]);
      const done = await readSettled(turnId);
      if (done) return done;
    }
    return null;
  } finally {
    set.delete(wake);
    if (set.size === 0) {
      waiters.delete(channel);
      await sub.unsubscribe(channel).catch(() => {});
    }
  }
}
