import { Badge } from "@/components/ui/feedback";
import { VENDOR_CATALOG } from "@/lib/providers/catalog";
import type { TVendor } from "@/lib/providers/types";

type TLink = { vendor: TVendor; label: string; model: string; timeoutMs?: number };

// One link of a provider chain: the saved provider's name or "API key …abcd",
// its vendor, model and (when known) timeout.
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
        {link.timeoutMs ? (
          <>
            <dt className="text-zinc-500">Timeout</dt>
            <dd className="text-zinc-800">{link.timeoutMs / 1000} seconds</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
