import { describe, expect, it } from "vitest";

import { parseBehaviour } from "@/lib/simulator/behaviours";
import { ENDLESS_BATCH, parseStreamShape, plannedChunks, shapeChunks } from "@/lib/simulator/stream-shape";

describe("parseStreamShape", () => {
  it.each([
    ["sim-chunks-5-100", { end: "finish", chunks: 5, ms: 100, padBytes: 0 }],
    ["sim-chunks-20-0-52429", { end: "finish", chunks: 20, ms: 0, padBytes: 52429 }],
    ["sim-chunks-100000-60000", { end: "finish", chunks: 100_000, ms: 60_000, padBytes: 0 }],
    ["sim-chunks-64-0-1048576", { end: "finish", chunks: 64, ms: 0, padBytes: 1_048_576 }],
    ["sim-paced-4-300", { end: "finish", chunks: 4, ms: 300, padBytes: 0, paceEvery: true }],
    ["sim-cut-after-3", { end: "cut", chunks: 3, ms: 0, padBytes: 0 }],
    ["sim-cut-after-3-250", { end: "cut", chunks: 3, ms: 250, padBytes: 0 }],
    ["sim-stall-after-0", { end: "stall", chunks: 0, ms: 0, padBytes: 0 }],
    ["sim-stall-after-2-10", { end: "stall", chunks: 2, ms: 10, padBytes: 0 }],
    ["sim-error-after-100000-60000", { end: "error", chunks: 100_000, ms: 60_000, padBytes: 0 }],
    ["sim-endless", { end: "endless", chunks: 0, ms: 0, padBytes: 16_384 }],
    ["sim-endless-50", { end: "endless", chunks: 0, ms: 50, padBytes: 16_384 }],
    ["sim-endless-0-1000", { end: "endless", chunks: 0, ms: 0, padBytes: 1000 }],
  ])("reads %s", (key, shape) => {
    expect(parseStreamShape(key)).toEqual(shape);
  });

  it.each([
    ["no chunks", "sim-chunks-0-10"],
    ["too many chunks", "sim-chunks-100001-0"],
    ["too long a pause", "sim-chunks-1-60001"],
    ["too big a chunk", "sim-chunks-1-0-1048577"],
    ["more than 64 MiB in all", "sim-chunks-65-0-1048576"],
    ["too many chunks before a cut", "sim-cut-after-100001"],
    ["too long a pause before a stall", "sim-stall-after-1-60001"],
    ["a size on a broken shape", "sim-error-after-1-0-100"],
    ["a missing pause", "sim-chunks-5"],
    ["a negative number", "sim-cut-after--1"],
    ["more digits than any limit", "sim-chunks-00000000001-0"],
    ["a word for a number", "sim-stall-after-two"],
    ["trailing text", "sim-cut-after-2x"],
    ["too long a pause between endless pieces", "sim-endless-60001"],
    ["too big an endless piece", "sim-endless-0-1048577"],
    ["a count on an endless shape", "sim-endless-0-10-5"],
  ])("rejects a key with %s", (_name, key) => {
    expect(parseStreamShape(key)).toBeUndefined();
    expect(parseBehaviour(key)).toBeUndefined();
  });

  it("is what parseBehaviour returns, with the ~suffix ignored", () => {
    expect(parseBehaviour("sim-cut-after-2-5~run-42")).toEqual({ kind: "shaped", shape: { end: "cut", chunks: 2, ms: 5, padBytes: 0 } });
  });
});

describe("shapeChunks", () => {
  const who = "[openai:gpt-4o-mini]";

  it("names each chunk, ending the last with a period", () => {
    const { chunks, words } = shapeChunks({ end: "finish", chunks: 4, ms: 0, padBytes: 0 }, who);
    expect(chunks).toEqual([`${who} c1 `, "c2 ", "c3 ", "c4."]);
    expect(words).toBe(5);
  });

  it("makes a single chunk the whole sentence", () => {
    expect(shapeChunks({ end: "finish", chunks: 1, ms: 0, padBytes: 0 }, who).chunks).toEqual([`${who} c1.`]);
  });

  it("plans a broken shape ten chunks longer, so what it sends is visibly unfinished", () => {
    const shape = { end: "cut", chunks: 2, ms: 0, padBytes: 0 } as const;
    expect(plannedChunks(shape)).toBe(12);
    const { chunks } = shapeChunks(shape, who);
    expect(chunks.slice(0, 2)).toEqual([`${who} c1 `, "c2 "]);
    expect(chunks.at(-1)).toBe("c12.");
  });

  it("pads every chunk to at least the size asked, with filler words before its ending", () => {
    const { chunks, words } = shapeChunks({ end: "finish", chunks: 3, ms: 0, padBytes: 100 }, who);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk)).toBeGreaterThanOrEqual(100);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk)).toBeLessThan(100 + 8);
    expect(chunks[1]).toMatch(/^c2( x+)+ $/);
    expect(chunks[2]).toMatch(/^c3( x+)+\.$/);
    expect(words).toBe(chunks.join("").split(/\s+/).filter(Boolean).length);
  });

  it("makes an endless shape's pieces a batch at a time, numbered on from where the last batch stopped, none ending the answer", () => {
    const shape = { end: "endless", chunks: 0, ms: 0, padBytes: 0 } as const;
    expect(plannedChunks(shape)).toBe(Infinity);
    const first = shapeChunks(shape, who).chunks;
    // One piece more than a batch: the sender leaves it unsent.
    expect(first).toHaveLength(ENDLESS_BATCH + 1);
    expect(first.slice(0, 2)).toEqual([`${who} c1 `, "c2 "]);
    expect(first.every((chunk) => chunk.endsWith(" "))).toBe(true);
    expect(shapeChunks(shape, who, ENDLESS_BATCH + 1).chunks[0]).toBe(`c${ENDLESS_BATCH + 1} `);
  });

  it("builds a 1 MiB answer from 20 chunks of 52429 bytes", () => {
    const { chunks } = shapeChunks({ end: "finish", chunks: 20, ms: 0, padBytes: 52_429 }, who);
    expect(Buffer.byteLength(chunks.join(""))).toBeGreaterThanOrEqual(1024 * 1024);
  });
});
