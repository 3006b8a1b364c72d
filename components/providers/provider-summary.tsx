import type { ReactNode } from "react";

import { Badge } from "@/components/ui/feedback";
import { VENDOR_CATALOG } from "@/lib/providers/catalog";
import type { TVendor } from "@/lib/providers/types";

type TDetail = { term: string; value: string | null | undefined; mono?: boolean };

// A provider's name and vendor badge over a list of details; rows with no
// value are left out. Saved providers (as an h2) and chain links share it.
export function ProviderSummary({
  name,
  vendor,
  details,
  heading = "p",
  children,
}: {
  name: string;
  vendor: TVendor;
  details: Array<TDetail>;
  heading?: "h2" | "p";
  children?: ReactNode;
}) {
  const Heading = heading;
  return (
    <div className="min-w-0 space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <Heading className="truncate text-sm font-semibold text-zinc-900">{name}</Heading>
        <Badge tone="blue">{VENDOR_CATALOG[vendor].label}</Badge>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        {details
          .filter((d) => d.value)
          .map((d) => (
            <div key={d.term} className="contents">
              <dt className="text-zinc-500">{d.term}</dt>
              <dd className={d.mono ? "font-mono text-zinc-800" : "truncate text-zinc-800"}>{d.value}</dd>
            </div>
          ))}
      </dl>
      {children}
    </div>
  );
}
