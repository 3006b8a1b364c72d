// The Overview's time ranges. A range is whole hours ending with the current
// one, so every chart bucket is a full clock hour and the totals, the share
// and the latencies all cover exactly the hours the chart shows.
import { z } from "zod";

import type { TAgentScope } from "../agents/agent-scope";

export const RANGES = {
  "24h": { hours: 24, label: "Last 24 hours", phrase: "the last 24 hours" },
  "7d": { hours: 7 * 24, label: "Last 7 days", phrase: "the last 7 days" },
} as const;
export const ZRange = z.enum(["24h", "7d"]);
export type TRange = z.infer<typeof ZRange>;

// A missing or unknown ?range= shows the default rather than an error.
export const ZOverviewQuery = z.object({ range: ZRange.catch("24h") });

const HOUR_MS = 60 * 60 * 1000;

export type TWindow = { from: Date; to: Date; hours: number };

// What every Overview read is about: one agent of one organization, over a
// window. Each read also exports its SQL (turnsPerHourSql, ...), so
// `npm run explain:activity` times the very statements the page runs.
export type TChartScope = TAgentScope & { window: TWindow };

export function rangeWindow(range: TRange, now: Date): TWindow {
  const { hours } = RANGES[range];
  const to = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
  return { from: new Date(to.getTime() - hours * HOUR_MS), to, hours };
}

export function lastHourWindow(now: Date): TWindow {
  return { from: new Date(now.getTime() - HOUR_MS), to: now, hours: 1 };
}
