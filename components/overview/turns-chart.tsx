"use client";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

import type { TRange } from "@/lib/stats/range";

import { timeFormat, useTimeZone } from "./use-time-zone";

type THourPoint = { hour: number; turns: number; failovers: number; failed: number };

// One stacked bar per hour: its height is the hour's turns, split into those
// answered without a failover, after a failover, and failed.
export function TurnsChart({ hours, range, summary }: { hours: THourPoint[]; range: TRange; summary: string }) {
  const timeZone = useTimeZone();
  const tick = timeFormat(timeZone, range === "24h" ? { hour: "2-digit", minute: "2-digit" } : { weekday: "short", hour: "2-digit", minute: "2-digit" });
  const label = timeFormat(timeZone, { weekday: "short", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const data = hours.map((h) => ({ ...h, direct: Math.max(0, h.turns - h.failovers - h.failed) }));
  return (
    <BarChart
      data={data}
      responsive
      style={{ width: "100%", height: 240 }}
      margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
      barCategoryGap="15%"
      accessibilityLayer={false}
      role="img"
      aria-label={`Turns per hour: ${summary}`}
    >
      <CartesianGrid stroke="#e4e4e7" vertical={false} />
      <XAxis dataKey="hour" tickFormatter={(v: number) => tick(v).replace(" UTC", "")} minTickGap={24} tick={{ fontSize: 12, fill: "#71717a" }} />
      <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#71717a" }} />
      <Tooltip
        labelFormatter={(v, payload) => {
          const turns = Number(payload[0]?.payload?.turns ?? 0);
          return `${label(Number(v))}: ${turns} ${turns === 1 ? "turn" : "turns"}`;
        }}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Bar dataKey="direct" name="Without failover" stackId="turns" fill="#818cf8" isAnimationActive={false} />
      <Bar dataKey="failovers" name="After a failover" stackId="turns" fill="#f59e0b" isAnimationActive={false} />
      <Bar dataKey="failed" name="Failed" stackId="turns" fill="#dc2626" isAnimationActive={false} />
    </BarChart>
  );
}
