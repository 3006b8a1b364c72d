import { VENDOR_CATALOG } from "../providers/catalog";
import type { TVendor } from "../providers/types";

export type TLinkSummary = {
  position: number;
  vendor: TVendor;
  label: string;
  model: string;
  firstTokenTimeoutMs: number;
  stallTimeoutMs: number;
  pasted: boolean;
};

type TLinkRow = {
  position: number;
  model: string;
  firstTokenTimeoutMs: number;
  stallTimeoutMs: number;
  credential: { vendor: TVendor; name: string; keyHint: string; agentId: string | null };
};

// How a credential is named everywhere (tab, activity, restart event, health):
// the saved provider's name, or "API key …abcd" for a key pasted for one agent.
export function credentialLabel(credential: { name: string; keyHint: string; agentId: string | null }): string {
  return credential.agentId !== null ? `API key ${credential.keyHint}` : credential.name;
}

export function summarizeLink(link: TLinkRow): TLinkSummary {
  const pasted = link.credential.agentId !== null;
  return {
    position: link.position,
    vendor: link.credential.vendor,
    label: credentialLabel(link.credential),
    model: link.model,
    firstTokenTimeoutMs: link.firstTokenTimeoutMs,
    stallTimeoutMs: link.stallTimeoutMs,
    pasted,
  };
}

export function linkSentence(link: Pick<TLinkSummary, "vendor" | "label" | "model">): string {
  return `${link.label} (${VENDOR_CATALOG[link.vendor].label}, ${link.model})`;
}

export const LINK_SELECT = {
  position: true,
  model: true,
  firstTokenTimeoutMs: true,
  stallTimeoutMs: true,
  credentialId: true,
  credential: { select: { vendor: true, name: true, keyHint: true, agentId: true, baseUrl: true } },
} as const;
