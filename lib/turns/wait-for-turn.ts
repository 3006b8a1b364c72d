// Web side: wait until a worker has settled a turn. Each web process keeps one
// subscription to the channel where workers announce settled turns, and a
// caller starts watching a turn before submitting it, so the announcement
// cannot slip past in between and no per-request subscribe is needed.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { db } from "../db/client";
import { ZEnv } from "../env";
import { TURNS_SETTLED_CHANNEL } from "../queue/names";

type TWatch = { ready: Promise<unknown>; waiters: Map<string, () => void> };
const globalForWait = globalThis as unknown as { turnWatch?: TWatch };

function watch(): TWatch {
  if (!globalForWait.turnWatch) {
    const sub = new Redis(ZEnv.shape.REDIS_URL.parse(process.env.REDIS_URL), { maxRetriesPerRequest: 1 });
    sub.on("error", () => {});
    const waiters = new Map<string, () => void>();
    sub.on("message", (_channel: string, turnId: string) => waiters.get(turnId)?.());
    const current: TWatch = { waiters, ready: sub.subscribe(TURNS_SETTLED_CHANNEL) };
    // Redis down: this request falls back to polling; the next one retries.
    current.ready.catch(() => {
      if (globalForWait.turnWatch === current) globalForWait.turnWatch = undefined;
      sub.disconnect();
    });
    globalForWait.turnWatch = current;
  }
  return globalForWait.turnWatch;
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

// A lost announcement costs at most one poll interval, never the answer.
const POLL_MS = 2000;

export async function watchTurn(turnId: string = randomUUID()) {
  const { ready, waiters } = watch();
  let wake = () => {};
  const nextWake = () => new Promise<void>((resolve) => (wake = resolve));
  let woken = nextWake();
  waiters.set(turnId, () => wake());
  await ready.catch(() => undefined);
  return {
    turnId,
    async settled(timeoutMs: number): Promise<TSettledTurn | null> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([woken, new Promise((r) => (timer = setTimeout(r, Math.min(POLL_MS, deadline - Date.now()))))]);
        clearTimeout(timer);
        woken = nextWake();
        const done = await readSettled(turnId);
        if (done) return done;
      }
      return null;
    },
    close: () => waiters.delete(turnId),
  };
}
