// Web side: one reader per process serves every turn stream someone follows
// (the API's SSE responses, the Chat tab). XREAD BLOCK holds its connection
// while it waits, so a connection per open stream let 10,000 streams take
// 10,000 Redis connections, past Redis's maxclients, and every tenant's
// queues failed with it. Here one connection blocks in one XREAD over every
// followed key (a key per turn, however many follow it), and each entry read
// is handed to each follower of its key.
//
// A new key joins the read at once: the blocked XREAD also waits on this
// process's own wake stream, and an entry there ends it, so the next XREAD
// carries the new key. The reader never waits for a follower: one whose
// buffer is full drops what it is offered and reads it back from Redis
// itself once it gets there (follow-turn.ts).
import { randomUUID } from "node:crypto";

import { createRedis, redisKey } from "../queue/connections";
import { redis as commands } from "../redis";
import { singleton } from "../singleton";

export type TStreamRow = [id: string, fields: string[]];

// A follower as the hub sees it.
export type TSubscriber = { offer(row: TStreamRow): void; fail(error: unknown): void };

// `cursor`: the last id the hub read from the key (its next XREAD starts there).
type TFollowed = { cursor: string; subscribers: Set<TSubscriber> };

export type TStreamHub = {
  // Hands the key's entries to the subscriber from now on. `readUpTo`: the
  // id the hub had already read the key up to, which the subscriber reads
  // back itself; undefined when the key is read from its start.
  join(key: string, subscriber: TSubscriber): { readUpTo: string | undefined; leave(): void };
};

// Entries per key per XREAD: they are handed on at once, so this bounds a
// reply, not what a follower holds.
const READ_COUNT = 64;
// A read with nothing to say still ends this often, so a connection that
// died without a word is noticed.
const BLOCK_MS = 10_000;
const WAKE_TTL_MS = 60_000;

function createHub(): TStreamHub {
  const reader = createRedis("request", { name: "stream-reader" });
  const wakeKey = redisKey("stream-wake", randomUUID());
  const followed = new Map<string, TFollowed>();
  // The wake stream is read from the last entry seen, not from "$": a wake
  // sent just before an XREAD reaches Redis still ends that XREAD.
  let wakeCursor = "0";
  let running = false;
  let reading = false;
  let woken = false;

  const wake = () => {
    if (!reading || woken) return;
    woken = true;
    // A failed wake only delays the new key until the read ends by itself.
    commands
      .multi()
      .xadd(wakeKey, "MAXLEN", "1", "*", "w", "")
      .pexpire(wakeKey, WAKE_TTL_MS)
      .exec()
      .catch(() => undefined);
  };

  const readOnce = async () => {
    const reads = new Map(followed);
    reading = true;
    woken = false;
    const reply = await reader
      .xread("COUNT", READ_COUNT, "BLOCK", BLOCK_MS, "STREAMS", ...reads.keys(), wakeKey, ...[...reads.values()].map((f) => f.cursor), wakeCursor)
      .finally(() => (reading = false));
    for (const [key, rows] of reply ?? []) {
      const last = rows.at(-1)?.[0];
      if (key === wakeKey) wakeCursor = last ?? wakeCursor;
      const entry = reads.get(key);
      // A key left (or left and joined again) while it was read: its new
      // followers read from the start on the next round.
      if (!entry || followed.get(key) !== entry || !last) continue;
      entry.cursor = last;
      for (const row of rows) for (const subscriber of entry.subscribers) subscriber.offer(row);
    }
  };

  // Runs while anyone follows; a failed read ends every follower (each
  // response then falls back on PostgreSQL) and the next join starts afresh.
  const run = async () => {
    running = true;
    try {
      while (followed.size > 0) await readOnce();
    } catch (error) {
      const subscribers = [...followed.values()].flatMap((f) => [...f.subscribers]);
      followed.clear();
      for (const subscriber of subscribers) subscriber.fail(error);
    } finally {
      running = false;
    }
  };

  return {
    join(key, subscriber) {
      const known = followed.get(key);
      const entry = known ?? { cursor: "0", subscribers: new Set<TSubscriber>() };
      entry.subscribers.add(subscriber);
      if (!known) {
        followed.set(key, entry);
        wake();
      }
      if (!running) void run();
      return {
        readUpTo: known && known.cursor !== "0" ? known.cursor : undefined,
        leave() {
          entry.subscribers.delete(subscriber);
          if (entry.subscribers.size === 0 && followed.get(key) === entry) followed.delete(key);
        },
      };
    },
  };
}

export const streamHub = (): TStreamHub => singleton("turn-stream-hub", createHub);
