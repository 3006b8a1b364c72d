// Callers' schemas checked on threads with a time limit (the worker's pool).
import { afterAll, describe, expect, it } from "vitest";

import { TOO_LARGE } from "@/lib/failover/json-schema";
import { createSchemaPool } from "@/lib/schema-check/schema-pool";

import { schemaBomb } from "../../fixtures/schema-bomb";

const PERSON = { type: "object", properties: { name: { type: "string" } }, required: ["name"] };

// 30 levels: about a billion subschemas, seconds of work for any machine.
const BOMB = schemaBomb(30);

const pool = createSchemaPool({ threads: 1, timeoutMs: 100 });
afterAll(() => pool.close());

describe("schema pool", () => {
  it("judges values as ajv does in this thread", async () => {
    expect(await pool.check({ schema: PERSON, value: { name: "Ada" } })).toEqual({ kind: "valid" });
    expect(await pool.check({ schema: PERSON, value: { name: 7 } })).toEqual({ kind: "invalid", problem: "/name must be string" });
  });

  it("stops a check that outlives its time limit, says so, and answers the next check on a fresh thread", async () => {
    const [stuck, waiting] = await Promise.all([pool.check({ schema: BOMB, value: "x" }), pool.check({ schema: PERSON, value: {} })]);
    expect(stuck).toEqual({ kind: "timed_out", limitMs: 100 });
    expect(waiting).toEqual({ kind: "invalid", problem: "must have required property 'name'" });
    expect(await pool.check({ schema: PERSON, value: { name: "Grace" } })).toEqual({ kind: "valid" });
  });

  it("judges a value nested too deep to hand to a thread as too large to check, and keeps working", async () => {
    const deep = JSON.parse(`${"[".repeat(20_000)}${"]".repeat(20_000)}`) as unknown;
    expect(await pool.check({ schema: { type: "array" }, value: deep })).toEqual({ kind: "invalid", problem: TOO_LARGE });
    expect(await pool.check({ schema: { type: "array" }, value: [] })).toEqual({ kind: "valid" });
  });
});
