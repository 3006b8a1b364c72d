import { threadId } from "node:worker_threads";

import { afterAll, describe, expect, it } from "vitest";

import { createPasswordPool } from "@/lib/crypto/password-pool";
import { AppError } from "@/lib/errors";

const pool = createPasswordPool({ threads: 1, maxQueue: 1 });
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
});
