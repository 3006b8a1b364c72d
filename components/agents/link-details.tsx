import { ProviderSummary } from "@/components/providers/provider-summary";
import type { TVendor } from "@/lib/providers/types";

type TLink = { vendor: TVendor; label: string; model: string; firstTokenTimeoutMs?: number; stallTimeoutMs?: number };

const seconds = (ms: number | undefined) => (ms ? `${ms / 1000} ${ms === 1000 ? "second" : "seconds"}` : null);

// One link of a provider chain: the saved provider's name or "API key …abcd",
// its vendor, model and (when known) its two deadlines.
export function LinkDetails({ link }: { link: TLink }) {
  return (
    <ProviderSummary
      name={link.label}
      vendor={link.vendor}
      details={[
        { term: "Model", value: link.model },
        { term: "First token timeout", value: seconds(link.firstTokenTimeoutMs) },
        { term: "Stall timeout", value: seconds(link.stallTimeoutMs) },
      ]}
    />
  );
}
