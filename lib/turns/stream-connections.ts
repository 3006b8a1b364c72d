// Web side: reading a turn's stream. XREAD BLOCK holds a connection while it
// waits, so each open stream borrows one; a few idle ones are kept so a busy
// API does not open a connection per request.
import type { Redis } from "ioredis";

import { createRedis } from "../queue/connections";
import { singleton } from "../singleton";
import { followTurnStream, type TFollowItem } from "./turn-stream";

const MAX_IDLE = 16;

type TPool = { idle: Redis[] };
const pool = (): TPool => singleton("turn-stream-pool", (): TPool => ({ idle: [] }));

export type TTurnFollower = {
  items: AsyncGenerator<TFollowItem>;
  // Stops reading at once, even in the middle of a blocked XREAD (whose
  // connection is then closed rather than pooled).
  close(): void;
};

export function followTurn({ turnId, idleMs }: { turnId: string; idleMs?: number }): TTurnFollower {
  const redis = pool().idle.pop() ?? createRedis("request");
  // A connection is pooled again only when its reader saw the end: then no
  // XREAD can still be waiting on it.
  let state: "reading" | "ended" | "closed" = "reading";
  async function* read(): AsyncGenerator<TFollowItem> {
    try {
      for await (const item of followTurnStream({ redis, turnId, idleMs })) {
        if (item.type === "end") state = "ended";
        yield item;
      }
    } finally {
      const { idle } = pool();
      if (state === "ended" && redis.status === "ready" && idle.length < MAX_IDLE) idle.push(redis);
      else redis.disconnect();
    }
  }
  const items = read();
  return {
    items,
    close() {
      if (state === "reading") {
        state = "closed";
        redis.disconnect();
      }
      items.return(undefined).catch(() => undefined);
    },
  };
}
