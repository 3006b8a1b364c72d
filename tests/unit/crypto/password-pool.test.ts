import { threadId } from "node:worker_threads";

import { afterAll, describe, expect, it } from "vitest";

import { createPasswordPool } from "@/lib/crypto/password-pool";
import { AppError } from "@/lib/errors";

const pool = createPasswordPool({ threads: 1, maxQueue: 1, maxPerClient: 2 });
afterAll(() => pool.close());

describe("password pool", () => {
  it("hashes and verifies on a worker thread, never the main one", async () => {
    const hashed = await pool.run({ op: "hash", password: "correct horse battery" });
    expect(hashed.value).toMatch(/^\$argon2id\$/);
    expect(hashed.threadId).not.toBe(threadId);
    const verified = await pool.run({ op: "verify", hash: String(hashed.value), password: "correct horse battery" });
    expect(verified).toEqual({ value: true, threadId: hashed.threadId });
    expect((await pool.run({ op: "verify", hash: String(hashed.value), password: "wrong" })).value).toBe(false);
  });

  it("refuses work at once with 'try again in a moment' when its queue is full, and takes work again after", async () => {
    const results = await Promise.allSettled([1, 2, 3].map((i) => pool.run({ op: "hash", password: `password ${i}` })));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    const refused = (results[2] as PromiseRejectedResult).reason;
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "UNAVAILABLE", message: expect.stringMatching(/try again in a moment/i) });
    expect((await pool.run({ op: "hash", password: "after" })).value).toMatch(/^\$argon2id\$/);
  });

  it("holds at most maxPerClient places for one client, so one address's burst leaves room for others", async () => {
    const shared = createPasswordPool({ threads: 1, maxQueue: 4, maxPerClient: 1 });
    try {
      const results = await Promise.allSettled([
        shared.run({ op: "hash", password: "first of a" }, "198.51.100.7"),
        shared.run({ op: "hash", password: "second of a" }, "198.51.100.7"),
        shared.run({ op: "hash", password: "one of b" }, "203.0.113.9"),
        shared.run({ op: "hash", password: "the server's own" }),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: "UNAVAILABLE", message: expect.stringMatching(/try again in a moment/i) });
      // Its place is given back once its work is done.
      expect((await shared.run({ op: "hash", password: "later of a" }, "198.51.100.7")).value).toMatch(/^\$argon2id\$/);
    } finally {
      await shared.close();
    }
  });
});
