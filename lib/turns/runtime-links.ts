import { keyring } from "../crypto/keyring";
import { open } from "../crypto/vault";
import { contextWindow, takesImages } from "../providers/catalog";
import type { TLink } from "../failover";
import type { TRuntime } from "../agents/runtime";

// The running chain with keys opened in memory for this turn only. A link
// whose credential has since been deleted (no sealed key) is left out: the
// rest still answer.
export async function runtimeLinks({ orgId, runtime, ciphers }: { orgId: string; runtime: TRuntime; ciphers: Map<string, string> }): Promise<TLink[]> {
  const links: TLink[] = [];
  for (const [index, link] of runtime.links.entries()) {
    const cipher = ciphers.get(link.credentialId);
    if (!cipher) continue;
    const apiKey = await open(keyring(), { orgId, credentialId: link.credentialId }, cipher);
    links.push({
      linkId: `${index}`,
      circuitKey: circuitKeyOf(link.credentialId, link.model),
      label: link.label,
      target: { vendor: link.vendor, apiKey, baseUrl: link.baseUrl, model: link.model },
      firstTokenTimeoutMs: link.firstTokenTimeoutMs,
      stallTimeoutMs: link.stallTimeoutMs,
      contextWindow: contextWindow(link.model),
      takesImages: takesImages(link.model),
    });
  }
  return links;
}

// Health is shared per credential and model across agents and workers.
export const circuitKeyOf = (credentialId: string, model: string) => `${credentialId}|${model}`;
export const parseCircuitKey = (key: string) => {
  const [credentialId, ...model] = key.split("|");
  return { credentialId: credentialId ?? "", model: model.join("|") };
};
