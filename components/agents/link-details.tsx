import { Badge } from "@/components/ui/feedback";
import { VENDOR_CATALOG } from "@/lib/providers/catalog";
import type { TVendor } from "@/lib/providers/types";

type TLink = { vendor: TVendor; label: string; model: string; firstTokenTimeoutMs?: number; stallTimeoutMs?: number };

const seconds = (ms: number) => `${ms / 1000} ${ms === 1000 ? "second" : "seconds"}`;

// One link of a provider chain: the saved provider's name or "API key …abcd",
// its vendor, model and (when known) its two deadlines.
export function LinkDetails({ link }: { link: TLink }) {
  return (
    <div className="min-w-0 space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <p className="truncate text-sm font-semibold text-zinc-900">{link.label}</p>
        <Badge tone="blue">{VENDOR_CATALOG[link.vendor].label}</Badge>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        <dt className="text-zinc-500">Model</dt>
        <dd className="truncate text-zinc-800">{link.model}</dd>
        {link.firstTokenTimeoutMs ? (
          <>
            <dt className="text-zinc-500">First token timeout</dt>
            <dd className="text-zinc-800">{seconds(link.firstTokenTimeoutMs)}</dd>
          </>
        ) : null}
        {link.stallTimeoutMs ? (
          <>
            <dt className="text-zinc-500">Stall timeout</dt>
            <dd className="text-zinc-800">{seconds(link.stallTimeoutMs)}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
