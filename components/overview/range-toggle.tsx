import Link from "next/link";

import { cn } from "@/components/ui/cn";
import { RANGES, type TRange, ZRange } from "@/lib/stats/range";

// The range lives in the URL (?range=24h|7d), so a view can be shared and reloaded.
export function RangeToggle({ base, current }: { base: string; current: TRange }) {
  return (
    <nav aria-label="Time range" className="inline-flex rounded-md border border-zinc-300 bg-white p-0.5">
      {ZRange.options.map((range) => (
        <Link
          key={range}
          href={`${base}?range=${range}`}
          scroll={false}
          aria-current={range === current ? "page" : undefined}
          className={cn("rounded px-3 py-1 text-sm font-medium", range === current ? "bg-brand-600 text-white" : "text-zinc-700 hover:bg-zinc-100")}
        >
          {RANGES[range].label}
        </Link>
      ))}
    </nav>
  );
}
