import { describe, expect, it } from "vitest";

import { compareIds, followerBuffer } from "@/lib/turns/follower-buffer";
import type { TStreamRow } from "@/lib/turns/stream-hub";

const row = (n: number, text = `piece ${n}`): TStreamRow => [`1000-${n}`, ["t", "text", "v", text]];
const ids = (rows: Array<TStreamRow | undefined>) => rows.map((r) => r?.[0]);
const takeAll = (buffer: ReturnType<typeof followerBuffer>) => {
  const taken: TStreamRow[] = [];
  for (let r = buffer.take(); r; r = buffer.take()) taken.push(r);
  return taken;
};

describe("compareIds", () => {
  it("orders stream ids by time, then sequence, as numbers", () => {
    expect(compareIds("1000-2", "1000-10")).toBeLessThan(0);
    expect(compareIds("999-5", "1000-0")).toBeLessThan(0);
    expect(compareIds("1000-3", "1000-3")).toBe(0);
    expect(compareIds("0", "1000-0")).toBeLessThan(0);
  });
});

describe("a follower's buffer", () => {
  it("keeps offered rows in order, once each", () => {
    const buffer = followerBuffer({ maxRows: 4, maxBytes: 1024 });
    expect([row(1), row(2), row(2), row(1)].map((r) => buffer.offer(r))).toEqual([true, true, false, false]);
    expect(ids(takeAll(buffer))).toEqual(["1000-1", "1000-2"]);
    expect(buffer.readBackFrom()).toBeUndefined();
  });

  it("past its row bound drops what it is offered, then reads back from its last row until it has caught up", () => {
    const buffer = followerBuffer({ maxRows: 2, maxBytes: 1024 });
    [1, 2, 3, 4, 5].forEach((n) => buffer.offer(row(n)));
    // Not while it still holds rows for its caller.
    expect(buffer.readBackFrom()).toBeUndefined();
    expect(ids(takeAll(buffer))).toEqual(["1000-1", "1000-2"]);
    expect(buffer.readBackFrom()).toBe("1000-2");
    // What Redis holds after 1000-2, read back a page at a time; 6 came meanwhile and was dropped.
    buffer.readBack([row(3), row(4)]);
    expect(buffer.offer(row(6))).toBe(false);
    expect(ids(takeAll(buffer))).toEqual(["1000-3", "1000-4"]);
    expect(buffer.readBackFrom()).toBe("1000-4");
    buffer.readBack([row(5), row(6)]);
    expect(buffer.readBackFrom()).toBeUndefined();
    expect(ids(takeAll(buffer))).toEqual(["1000-5", "1000-6"]);
    // Caught up: live rows are kept again, and none twice.
    expect(buffer.offer(row(6))).toBe(false);
    expect(buffer.offer(row(7))).toBe(true);
    expect(ids(takeAll(buffer))).toEqual(["1000-7"]);
  });

  it("bounds the bytes it holds too", () => {
    const buffer = followerBuffer({ maxRows: 100, maxBytes: 50 });
    expect([row(1, "x".repeat(40)), row(2, "y".repeat(40)), row(3)].map((r) => buffer.offer(r))).toEqual([true, false, false]);
    expect(ids(takeAll(buffer))).toEqual(["1000-1"]);
    expect(buffer.readBackFrom()).toBe("1000-1");
  });

  it("that joins a key already being read starts by reading back to where the reader was", () => {
    const buffer = followerBuffer({ maxRows: 4, maxBytes: 1024, readUpTo: "1000-3" });
    expect(buffer.offer(row(4))).toBe(false);
    expect(buffer.readBackFrom()).toBe("0");
    buffer.readBack([row(1), row(2), row(3), row(4)]);
    expect(buffer.readBackFrom()).toBeUndefined();
    expect(ids(takeAll(buffer))).toEqual(["1000-1", "1000-2", "1000-3", "1000-4"]);
  });

  it("goes on from what comes next when Redis no longer has the rows it missed", () => {
    const buffer = followerBuffer({ maxRows: 1, maxBytes: 1024 });
    [1, 2, 3].forEach((n) => buffer.offer(row(n)));
    takeAll(buffer);
    buffer.readBack([]);
    expect(buffer.readBackFrom()).toBeUndefined();
    expect(buffer.offer(row(4))).toBe(true);
  });
});
