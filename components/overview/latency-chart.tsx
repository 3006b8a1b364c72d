"use client";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

import { FiguresTable } from "@/components/ui/figures-table";
import type { TLatency } from "@/lib/stats/provider-latency";

// p50 and p95 per provider as bars, and the same figures in a table.
export function LatencyChart({ latency }: { latency: TLatency[] }) {
  const described = latency.map((l) => `${l.label}: p50 ${l.p50} ms, p95 ${l.p95} ms`).join("; ");
  return (
    <div className="space-y-3">
      <BarChart
        data={latency}
        responsive
        style={{ width: "100%", height: 180 }}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        accessibilityLayer={false}
        role="img"
        aria-label={`Latency per provider: ${described}`}
      >
        <CartesianGrid stroke="#e4e4e7" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#71717a" }} />
        <YAxis unit=" ms" width={72} tick={{ fontSize: 12, fill: "#71717a" }} />
        <Tooltip formatter={(v) => `${v} ms`} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="p50" name="p50" fill="#818cf8" isAnimationActive={false} />
        <Bar dataKey="p95" name="p95" fill="#4338ca" isAnimationActive={false} />
      </BarChart>
      <FiguresTable
        caption="Latency per provider"
        columns={["Provider", "Calls", "p50", "p95"]}
        rows={latency.map((l) => ({ key: l.label, name: l.label, figures: [l.calls, `${l.p50} ms`, `${l.p95} ms`] }))}
      />
    </div>
  );
}
