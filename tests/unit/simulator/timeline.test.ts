import { describe, expect, it } from "vitest";

import { createTimelines } from "@/lib/simulator/timeline";

// A clock that ticks one millisecond per reading.
const ticking = () => {
  let t = 0;
  return () => ++t;
};

describe("createTimelines", () => {
  it("keeps only the last calls of a key", () => {
    const timelines = createTimelines({ keys: 10, callsPerKey: 2, chunksPerCall: 10 }, ticking());
    for (let i = 0; i < 3; i++) timelines.arrived("k")();
    expect(timelines.timeline("k")).toEqual({ requestAt: [3, 5], chunks: [[4], [6]] });
  });

  it("drops the key called least recently once there are too many", () => {
    const timelines = createTimelines({ keys: 2, callsPerKey: 2, chunksPerCall: 10 }, ticking());
    timelines.arrived("a");
    timelines.arrived("b");
    timelines.arrived("a");
    timelines.arrived("c");
    expect(timelines.timeline("b")).toBeUndefined();
    expect(timelines.timeline("a")?.requestAt).toHaveLength(2);
    expect(timelines.timeline("c")?.requestAt).toHaveLength(1);
  });

  it("records at most chunksPerCall chunk times for one call", () => {
    const timelines = createTimelines({ keys: 2, callsPerKey: 2, chunksPerCall: 3 }, ticking());
    const chunkSent = timelines.arrived("k");
    for (let i = 0; i < 5; i++) chunkSent();
    expect(timelines.timeline("k")?.chunks[0]).toEqual([2, 3, 4]);
  });

  it("forgets everything on clear", () => {
    const timelines = createTimelines();
    timelines.arrived("k");
    timelines.clear();
    expect(timelines.timeline("k")).toBeUndefined();
  });
});
