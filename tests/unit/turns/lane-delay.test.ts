import { describe, expect, it } from "vitest";

import { laneDelayMs } from "@/lib/turns/turn-lane";

describe("laneDelayMs (how long a turn over its organization's cap waits before it looks again)", () => {
  it("starts at about half a second and doubles with each wait, up to about five seconds", () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 10, 1000].map((deferred) => laneDelayMs(deferred, middle))).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it("spreads the wait by half either way", () => {
    expect(laneDelayMs(0, () => 0)).toBe(250);
    expect(laneDelayMs(0, () => 0.999)).toBe(750);
    expect(laneDelayMs(20, () => 0)).toBe(2500);
  });

  it("treats a count below zero (a job started before the count existed) as a first wait", () => {
    expect(laneDelayMs(-1, () => 0.5)).toBe(500);
  });
});
