import { resolveBaseUrl } from "../providers/language-model";
import type { TVendor } from "../providers/types";

export type TProviderEndpoint = { vendor: TVendor; baseUrl?: string | null };

// Where a link's calls go: its base URL, else its vendor's public endpoint,
// written one way (host case, default port, trailing slash).
function endpointOf(link: TProviderEndpoint): string {
  const url = resolveBaseUrl(link);
  return typeof url === "string" ? new URL(url).href.replace(/\/+$/, "") : url.problem;
}

// A backup is only worth having if it does not fail together with the link it
// stands in for: the same saved provider twice, or two keys for one vendor's
// endpoint, are one provider. Two OpenAI-compatible servers on different hosts
// are two.
export function sameProvider(a: TProviderEndpoint, b: TProviderEndpoint): boolean {
  return a.vendor === b.vendor && endpointOf(a) === endpointOf(b);
}
