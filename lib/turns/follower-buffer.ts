// What one follower of a turn's stream holds for its caller, bounded: the
// hub offers every entry it reads, and a caller that reads slower than the
// answer arrives would otherwise grow this without end. Past the bound the
// follower is "behind": it drops what it is offered, remembering only the
// newest id, and once its caller has taken what it holds, reads the rest
// back from Redis (after the last id it holds) until it has caught up.
import type { TStreamRow } from "./stream-hub";

// Stream ids are "<ms>-<seq>"; both parts fit in a double.
export function compareIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split("-").map(Number);
  const [bMs = 0, bSeq = 0] = b.split("-").map(Number);
  return aMs - bMs || aSeq - bSeq;
}

const rowBytes = ([id, fields]: TStreamRow) => fields.reduce((sum, field) => sum + field.length, id.length);

export type TFollowerBuffer = {
  // False when the row was not kept (a duplicate, or the follower is behind).
  offer(row: TStreamRow): boolean;
  take(): TStreamRow | undefined;
  // The id to read back after, while rows are missing; undefined when none are.
  readBackFrom(): string | undefined;
  // Rows read from Redis after readBackFrom(), in order.
  readBack(rows: TStreamRow[]): void;
};

type TLimits = { maxRows: number; maxBytes: number };

// `readUpTo`: the hub had read the key up to this id before the follower
// joined, so it starts behind, with every row up to it to read back.
export function followerBuffer({ maxRows, maxBytes, readUpTo }: TLimits & { readUpTo?: string }): TFollowerBuffer {
  const rows: TStreamRow[] = [];
  let bytes = 0;
  // The newest id held or handed on: anything offered up to it is a duplicate.
  let lastId = "0";
  // While behind: the newest id offered and dropped.
  let missingUpTo = readUpTo;

  const keep = (row: TStreamRow) => {
    rows.push(row);
    bytes += rowBytes(row);
    lastId = row[0];
  };

  return {
    offer(row) {
      if (compareIds(row[0], lastId) <= 0) return false;
      if (missingUpTo !== undefined || rows.length >= maxRows || bytes >= maxBytes) {
        missingUpTo = row[0];
        return false;
      }
      keep(row);
      return true;
    },
    take() {
      const row = rows.shift();
      if (row) bytes -= rowBytes(row);
      return row;
    },
    readBackFrom() {
      return missingUpTo !== undefined && rows.length === 0 ? lastId : undefined;
    },
    readBack(read) {
      for (const row of read) if (compareIds(row[0], lastId) > 0) keep(row);
      // Nothing left to read back (the stream lost those rows, trimmed or
      // expired): the follower goes on from what comes next.
      if (read.length === 0 || (missingUpTo !== undefined && compareIds(lastId, missingUpTo) >= 0)) missingUpTo = undefined;
    },
  };
}
