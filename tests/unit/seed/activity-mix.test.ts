import { describe, expect, it } from "vitest";

import { FAILURE_ROWS, planSeed, scrambleStep, type TSeedPlan, turnRanges } from "../../../prisma/activity-seed/mix";

const eventsOf = (plan: TSeedPlan) => plan.turnEvents + plan.events.proberRecovered + plan.events.restarted + plan.events.chainChanged + plan.events.keyAdded;
const turnsOf = (plan: TSeedPlan) => Object.values(plan.turns).reduce((sum, n) => sum + n, 0);

describe("activity seed mix", () => {
  it.each([
    { events: 1_000_000, turns: 1_000_000 },
    { events: 2_000, turns: 2_000 },
    { events: 2_000, turns: 300 },
    { events: 50, turns: 0 },
    { events: 7, turns: 100_000 },
  ])("writes exactly $events events and $turns turns", ({ events, turns }) => {
    const plan = planSeed({ events, turns, keyAddedPossible: true });
    expect(eventsOf(plan)).toBe(events);
    expect(turnsOf(plan)).toBe(turns);
    expect(Object.values(plan.turns).every((n) => n >= 0) && Object.values(plan.events).every((n) => n >= 0)).toBe(true);
  });

  it.each([1_000_000, 2_000])("makes %i events mostly failovers, some health changes, rarely an error", (events) => {
    const plan = planSeed({ events, turns: events, keyAddedPossible: true });
    const t = plan.turns;
    expect((t.needsAttention + t.degraded + t.skipped + t.failover) / events).toBeCloseTo(0.7, 2);
    expect((t.needsAttention + t.degraded) / events).toBeCloseTo(0.11, 2);
    expect((t.needsAttention * 2 + t.failed) / events).toBeCloseTo(0.02, 2);
  });

  it("never plans a negative count, however small the request", () => {
    for (let events = 0; events <= 300; events += 1) {
      for (const turns of [0, 10, events]) {
        const plan = planSeed({ events, turns, keyAddedPossible: events % 2 === 0 });
        expect([...Object.values(plan.turns), ...Object.values(plan.events)].every((n) => n >= 0)).toBe(true);
        expect([eventsOf(plan), turnsOf(plan)]).toEqual([events, turns]);
      }
    }
  });

  it("backs every turn event with a turn: with few turns the other kinds make up the total", () => {
    const plan = planSeed({ events: 2_000, turns: 300, keyAddedPossible: true });
    expect(plan.turns.ok).toBeGreaterThanOrEqual(0);
    expect(plan.turnEvents).toBeLessThan(2_000);
    expect(plan.events.chainChanged).toBeGreaterThan(plan.events.restarted);
  });

  it("writes no key_added when no agent has a pasted key", () => {
    expect(planSeed({ events: 10_000, turns: 10_000, keyAddedPossible: false }).events.keyAdded).toBe(0);
  });

  it("lays the turn kinds end to end over the whole index", () => {
    const plan = planSeed({ events: 2_000, turns: 2_000, keyAddedPossible: true }).turns;
    const ranges = turnRanges(plan);
    expect(ranges[0]?.from).toBe(0);
    expect(ranges.at(-1)?.to).toBe(2_000);
    for (const [i, r] of ranges.entries()) if (i > 0) expect(r.from).toBe(ranges[i - 1]?.to);
  });

  it.each([1, 2, 4, 1_000, 1_000_000, 999_983])("scrambles %i turn indexes without a repeat", (n) => {
    const step = scrambleStep(n);
    const seen = new Set<number>();
    for (let i = 0; i < Math.min(n, 5_000); i += 1) seen.add((i * step + Math.floor(n / 3)) % n);
    expect(seen.size).toBe(Math.min(n, 5_000));
  });

  it("picks failures by weight ranges that tile [0, 1) with real outcome words", () => {
    for (const human of [false, true]) {
      const rows = FAILURE_ROWS.filter((r) => r.human === human);
      expect(rows[0]?.lo).toBe(0);
      expect(rows.at(-1)?.hi).toBe(1);
      for (const [i, r] of rows.entries()) if (i > 0) expect(r.lo).toBe(rows[i - 1]?.hi);
    }
    expect(FAILURE_ROWS.find((r) => r.outcome === "rate_limited")?.message).toBe("Rate limited (429): Rate limit reached for requests");
  });
});
