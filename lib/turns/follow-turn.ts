// Web side: a turn's stream read live for one caller (the API's SSE
// response, the Chat tab), from its start, through the process's one stream
// reader (stream-hub.ts). The entries wait in a bounded buffer until the
// caller takes them; a caller slower than the answer reads the rest back
// from Redis when it gets there (follower-buffer.ts), so it holds up neither
// the reader nor the other followers.
import { redis as commands } from "../redis";
import { followerBuffer } from "./follower-buffer";
import { streamHub, type TStreamHub, type TStreamRow } from "./stream-hub";
import { parseEntry, streamKey, type TFollowItem } from "./turn-stream";

// About a second of a fast provider's answer (the worker writes an entry per
// tick), or a few MB across a thousand followers of other turns.
const BUFFER_ROWS = 64;
const BUFFER_BYTES = 64 * 1024;

export type TTurnFollower = {
  // The entries in order, "idle" after each `idleMs` without one; ends after
  // the "end" entry. Throws when Redis fails.
  items: AsyncGenerator<TFollowItem>;
  // Stops reading at once, whatever the reader is waiting for.
  close(): void;
};

export function followTurn({ turnId, idleMs = 15_000, hub = streamHub() }: { turnId: string; idleMs?: number; hub?: TStreamHub }): TTurnFollower {
  const key = streamKey(turnId);
  let closed = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  // The hub offers rows only from an XREAD's reply, never within join(), so
  // the buffer is there before the first offer.
  const membership = hub.join(key, {
    offer(row) {
      if (buffer.offer(row)) signal();
    },
    fail(error) {
      failure = { error };
      signal();
    },
  });
  const buffer = followerBuffer({ maxRows: BUFFER_ROWS, maxBytes: BUFFER_BYTES, readUpTo: membership.readUpTo });

  // True when something happened (a row, a failure, close), false after `idleMs` of nothing.
  const waitForRow = () =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined;
        resolve(false);
      }, idleMs);
      wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });

  // The next row, or undefined once closed or idle.
  const nextRow = async (): Promise<TStreamRow | undefined> => {
    for (;;) {
      if (closed) return undefined;
      if (failure) throw failure.error;
      const row = buffer.take();
      if (row) return row;
      const from = buffer.readBackFrom();
      if (from !== undefined) buffer.readBack(await commands.xrange(key, `(${from}`, "+", "COUNT", BUFFER_ROWS));
      else if (!(await waitForRow())) return undefined;
    }
  };

  async function* read(): AsyncGenerator<TFollowItem> {
    try {
      for (;;) {
        const row = await nextRow();
        if (closed) return;
        if (!row) {
          yield { type: "idle" };
          continue;
        }
        const entry = parseEntry(row[1]);
        if (!entry) continue;
        yield entry;
        if (entry.type === "end") return;
      }
    } finally {
      membership.leave();
    }
  }

  const items = read();
  return {
    items,
    close() {
      closed = true;
      signal();
      membership.leave();
      items.return(undefined).catch(() => undefined);
    },
  };
}
