import { VENDOR_CATALOG } from "../providers/catalog";
import type { TVendor } from "../providers/types";

export type TLinkSummary = { position: number; vendor: TVendor; label: string; model: string; timeoutMs: number; pasted: boolean };

type TLinkRow = {
  position: number;
  model: string;
  timeoutMs: number;
  credential: { vendor: TVendor; name: string; keyHint: string; agentId: string | null };
};

// How a link is named everywhere (tab, activity, restart event): the saved
// provider's name, or "API key …abcd" for a key pasted for this agent.
export function summarizeLink(link: TLinkRow): TLinkSummary {
  const pasted = link.credential.agentId !== null;
  return {
    position: link.position,
    vendor: link.credential.vendor,
    label: pasted ? `API key ${link.credential.keyHint}` : link.credential.name,
    model: link.model,
    timeoutMs: link.timeoutMs,
    pasted,
  };
}

export function linkSentence(link: Pick<TLinkSummary, "vendor" | "label" | "model">): string {
  return `${link.label} (${VENDOR_CATALOG[link.vendor].label}, ${link.model})`;
}

export const LINK_SELECT = {
  position: true,
  model: true,
  timeoutMs: true,
  credentialId: true,
  credential: { select: { vendor: true, name: true, keyHint: true, agentId: true, baseUrl: true } },
} as const;
