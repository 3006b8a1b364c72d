import { describe, expect, it } from "vitest";

import { feedReducer } from "@/components/activity/feed-state";
import type { TEventDto } from "@/lib/activity/event-dto";

const event = (id: string, at: string): TEventDto => ({
  id,
  at,
  type: "failover",
  label: "Failover",
  severity: "warning",
  atLabel: at,
  sentence: id,
  attempts: [],
  conversationHref: null,
});
const ids = (list: TEventDto[]) => list.map((e) => e.id);

describe("the client feed's list", () => {
  const start = { events: [event("b", "2026-01-01T00:00:02.000Z"), event("a", "2026-01-01T00:00:01.000Z")], pending: [] };

  it("shows new events at the top when the reader is there, ignoring the ones the overlapping poll repeats", () => {
    const next = feedReducer(start, { kind: "arrived", show: true, events: [event("c", "2026-01-01T00:00:03.000Z"), event("b", "2026-01-01T00:00:02.000Z")] });
    expect(ids(next.events)).toEqual(["c", "b", "a"]);
    expect(feedReducer(next, { kind: "arrived", show: true, events: [event("c", "2026-01-01T00:00:03.000Z")] })).toBe(next);
  });

  it("places an event committed late at its own time, not at the top", () => {
    const next = feedReducer(start, { kind: "arrived", show: true, events: [event("late", "2026-01-01T00:00:01.500Z")] });
    expect(ids(next.events)).toEqual(["b", "late", "a"]);
  });

  it("holds new events back while the reader is scrolled down, and reveals them on request", () => {
    const held = feedReducer(start, { kind: "arrived", show: false, events: [event("c", "2026-01-01T00:00:03.000Z")] });
    const again = feedReducer(held, { kind: "arrived", show: false, events: [event("d", "2026-01-01T00:00:04.000Z"), event("c", "2026-01-01T00:00:03.000Z")] });
    expect(ids(again.events)).toEqual(["b", "a"]);
    expect(ids(again.pending)).toEqual(["d", "c"]);
    const shown = feedReducer(again, { kind: "reveal" });
    expect(ids(shown.events)).toEqual(["d", "c", "b", "a"]);
    expect(shown.pending).toEqual([]);
  });

  it("appends older pages without repeating an event already shown", () => {
    const next = feedReducer(start, { kind: "older", events: [event("a", "2026-01-01T00:00:01.000Z"), event("z", "2025-12-31T00:00:00.000Z")] });
    expect(ids(next.events)).toEqual(["b", "a", "z"]);
  });
});
