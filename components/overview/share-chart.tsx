"use client";
import { Cell, Pie, PieChart, Tooltip } from "recharts";

import type { TShare } from "@/lib/stats/answer-share";

const COLOURS = ["#4f46e5", "#0d9488", "#d97706", "#db2777", "#65a30d", "#0891b2", "#7c3aed", "#dc2626"];

// Share of answered turns per provider, with the figures as a list beside it.
// A provider keeps its colour whatever its rank: colours go by name.
export function ShareChart({ share }: { share: TShare[] }) {
  const names = share.map((s) => s.label).sort();
  const colour = (label: string) => COLOURS[names.indexOf(label) % COLOURS.length];
  const described = share.map((s) => `${s.label}: ${s.turns} ${s.turns === 1 ? "turn" : "turns"} (${s.percent}%)`);
  return (
    <div className="flex flex-col items-center gap-4 sm:flex-row">
      <PieChart responsive style={{ width: 160, height: 160 }} accessibilityLayer={false} role="img" aria-label={`Answered by: ${described.join("; ")}`}>
        <Pie data={share} dataKey="turns" nameKey="label" innerRadius="55%" outerRadius="100%" isAnimationActive={false}>
          {share.map((s) => (
            <Cell key={s.label} fill={colour(s.label)} />
          ))}
        </Pie>
        <Tooltip />
      </PieChart>
      <ul aria-label="Answered by" className="min-w-0 flex-1 space-y-1.5 text-sm">
        {share.map((s, index) => (
          <li key={s.label} className="flex items-center gap-2">
            <span aria-hidden className="size-3 shrink-0 rounded-sm" style={{ background: colour(s.label) }} />
            <span className="min-w-0 break-words text-zinc-800">{described[index]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
