import { describe, expect, it } from "vitest";

import { parseBehaviour } from "@/lib/simulator/behaviours";
import { createBoundedLog } from "@/lib/simulator/bounded-log";

describe("parseBehaviour for callers' tools and formats", () => {
  it.each([
    ["sim-badargs-tool", { kind: "answer", variant: "bad_args_tool" }],
    ["sim-badformat~run-1", { kind: "answer", variant: "bad_format" }],
    ["sim-badargs-1", { kind: "first_calls", calls: 1, variant: "bad_args_tool" }],
    ["sim-badargs-100~x", { kind: "first_calls", calls: 100, variant: "bad_args_tool" }],
    ["sim-badformat-3", { kind: "first_calls", calls: 3, variant: "bad_format" }],
  ])("reads %s", (key, behaviour) => {
    expect(parseBehaviour(key)).toEqual(behaviour);
  });

  it.each(["sim-badargs-101", "sim-badformat-1000", "sim-badargs-", "sim-badformat-x"])("does not know %s", (key) => {
    expect(parseBehaviour(key)).toBeUndefined();
  });
});

describe("parseBehaviour for oversized bodies", () => {
  it.each([
    ["sim-error-body-100000", { kind: "error_body", bytes: 100_000 }],
    ["sim-error-body-67108864~x", { kind: "error_body", bytes: 67_108_864 }],
    ["sim-long-line-2000000", { kind: "shaped", shape: { end: "finish", chunks: 1, ms: 0, padBytes: 2_000_000 } }],
  ])("reads %s", (key, behaviour) => {
    expect(parseBehaviour(key)).toEqual(behaviour);
  });

  it.each(["sim-error-body-0", "sim-error-body-67108865", "sim-long-line-", "sim-long-line-123456789"])("does not know %s", (key) => {
    expect(parseBehaviour(key)).toBeUndefined();
  });
});

describe("createBoundedLog", () => {
  it("keeps the last entries of each key and drops the key used least recently", () => {
    const log = createBoundedLog<number>({ keys: 2, perKey: 2 });
    for (const n of [1, 2, 3]) log.push("a", n);
    log.push("b", 1);
    log.push("a", 4);
    log.push("c", 1);
    expect(log.get("a")).toEqual([3, 4]);
    expect(log.get("b")).toBeUndefined();
    expect(log.get("c")).toEqual([1]);
  });
});
